package jts.fleet.remote.bench;

import jts.fleet.remote.script.ScriptResources;

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

    /** The script as run on a host; those that change a host carry the change-record prelude. */
    public String text() {
        String script = raw();
        return this == BENCH || this == QUEUE_SET ? jts.fleet.remote.change.HostChangeLog.withPrelude(script) : script;
    }

    private String raw() {
        return ScriptResources.text("/jts/fleet/remote/bench/" + fileName);
    }
}
