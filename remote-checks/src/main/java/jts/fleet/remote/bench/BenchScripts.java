package jts.fleet.remote.bench;

import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;
import jts.fleet.remote.tuning.TuningScripts;
import jts.fleet.remote.tuning.WriteOrder;

/** The fixed host scripts of benchmarks and experiments, loaded from the classpath. */
public enum BenchScripts {
    /** Probes, lays out, runs fio per profile, cleans up; see the script header for arguments. */
    BENCH("bench.sh"),
    /** Kills a run's bench.sh/fio by run id and removes its directory (controller interrupted). */
    CLEANUP("bench-cleanup.sh"),
    /** Resolves a target directory to its block devices and their queue settings. */
    DEVICES("bench-devices.sh"),
    /** Sets one allowlisted queue attribute (experiments and their restore). */
    QUEUE_SET("queue-set.sh");

    private final String fileName;

    BenchScripts(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** What bench.sh, bench-devices.sh and bench-cleanup.sh share: framed output, the target and run-id checks. */
    private static final String PRELUDE = "bench-common.sh";
    /**
     * Where queue-set.sh takes its allowlist and bench-devices.sh the attributes it records:
     * {@link WriteOrder#BLOCK_QUEUE}, the one list.
     */
    static final String QUEUE_ATTRS_SLOT = "@@QUEUE_ATTRS@@";

    /**
     * The script as run on a host: all but queue-set.sh carry the bench prelude ({@code bench-common.sh}),
     * all the host prelude ({@link HostPrelude}: names, paths, bench.sh's work directory), queue-set.sh and bench-devices.sh the
     * block-queue attributes, those that change a host the change-record prelude.
     */
    public String text() {
        String script = raw();
        if (this == QUEUE_SET || this == DEVICES) {
            script = ScriptResources.fill(fileName, script, QUEUE_ATTRS_SLOT,
                    TuningScripts.words(WriteOrder.BLOCK_QUEUE));
        }
        if (this != QUEUE_SET) {
            script = HostPrelude.splice(script, raw(PRELUDE));
        }
        script = HostPrelude.spliced(script);
        return this == BENCH || this == QUEUE_SET ? jts.fleet.remote.change.HostChangeLog.withPrelude(script) : script;
    }

    private String raw() {
        return raw(fileName);
    }

    private static String raw(String name) {
        return ScriptResources.text("/jts/fleet/remote/bench/" + name);
    }
}
