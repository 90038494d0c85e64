package jts.fleet.controller.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.bench.FioJobFile;
import jts.fleet.remote.bench.FioProfile;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;
import jts.fleet.remote.trim.TrimScript;

/**
 * scripts/storage-status.sh and scripts/storage-benchmark.sh, for hosts or moments without the controller.
 *
 * <p>They are assembled from the very scripts the controller pushes (gather, trim status, the diskstats read,
 * bench.sh) and from the controller's own fio job files and embedded policy, so there is no second copy of the
 * logic to drift: each pushed script becomes a function whose body runs in a subshell ({@code name() ( ... )}),
 * which keeps its {@code set}, {@code trap}, {@code cd} and {@code exit} to itself. Only the small main part that
 * formats the results is written for the standalone case (resources next to this class). The host prelude every
 * pushed script carries after its first line is defined once at the top, not once per function.
 * {@code StandaloneScriptsTest} fails when the committed scripts differ from what this renders.
 */
public final class StandaloneScripts {
    /** The job files carry these fio environment references instead of fixed numbers; the main part exports them. */
    static final String SIZE_REFERENCE = "${JTS_SIZE}";
    static final String RUNTIME_REFERENCE = "${JTS_RUNTIME}";

    /**
     * host-common.sh, which every embedded script carries after its first line: defined once, at the top. The text
     * {@link HostPrelude} splices (read once for the JVM), not a second read of the resource.
     */
    private static final String HOST_PRELUDE = HostPrelude.text();
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/+@-]*");

    private StandaloneScripts() {
    }

    public static String status(String version) {
        StringBuilder out = header("storage-status.sh", version,
                "Storage status of this host: block devices (scheduler, read-ahead, TRIM support), mounts with\n"
                        + "# online discard, TRIM timers and the last TRIM per mount, and an iostat-like I/O snapshot.");
        prelude(out);
        function(out, "jts_gather", "the controller's gather script (status, snapshot)", GatherScript.text());
        function(out, "jts_trim_status", "the controller's TRIM status read", TrimScript.statusScript());
        function(out, "jts_diskstats", "the controller's watch read (uptime + diskstats)", HostReads.watchReadScript());
        out.append(resource("storage-status-main.sh"));
        return out.toString();
    }

    public static String benchmark(String version, BenchProfiles profiles, Policy policy) {
        StringBuilder out = header("storage-benchmark.sh", version,
                "fio per tier mount with direct I/O, JSON on stdout, cleanup on exit and on interrupt.");
        prelude(out);
        function(out, "jts_bench", "the controller's bench.sh (probe O_DIRECT and engine, layout, fio, cleanup)",
                BenchScripts.BENCH.text());
        out.append("# ---- generated from the embedded fio profiles (profiles.json) through the controller's job-file\n");
        out.append("# renderer; size and runtime are fio environment references the main part exports\n");
        out.append("jts_generated_from='jts-fleet ").append(version).append("'\n");
        List<String> names = new ArrayList<>();
        for (FioProfile p : profiles.all()) {
            names.add(checkedName(p.name()));
        }
        out.append("jts_profile_names='").append(String.join(" ", names)).append("'\n");
        for (Map.Entry<String, List<String>> suite : profiles.suites().entrySet()) {
            out.append("jts_suite_").append(checkedName(suite.getKey()).replace('-', '_')).append("='")
                    .append(String.join(" ", suite.getValue().stream().map(StandaloneScripts::checkedName).toList()))
                    .append("'\n");
        }
        out.append("\n# files one profile may occupy, as a multiple of --size (numjobs, appends)\n");
        out.append("jts_profile_factor() {\n    case $1 in\n");
        for (FioProfile p : profiles.all()) {
            out.append("        ").append(p.name()).append(") echo ").append(p.spaceFactor()).append(" ;;\n");
        }
        out.append("        *) return 1 ;;\n    esac\n}\n\n");
        out.append("jts_profile_jobfile() {\n    case $1 in\n");
        // any valid parameters: the two numbers are replaced by references right below
        BenchParameters placeholder = new BenchParameters(1, BenchParameters.MIN_SIZE);
        for (FioProfile p : profiles.all()) {
            String job = FioJobFile.render(p, placeholder)
                    .replace("\nsize=" + BenchParameters.MIN_SIZE + "\n", "\nsize=" + SIZE_REFERENCE + "\n")
                    .replace("\nruntime=1\n", "\nruntime=" + RUNTIME_REFERENCE + "\n");
            if (!job.contains(SIZE_REFERENCE) || !job.contains(RUNTIME_REFERENCE) || job.contains("\nJOBFILE\n")) {
                throw new IllegalStateException("job file of " + p.name() + " no longer has the expected size/runtime "
                        + "lines; update StandaloneScripts");
            }
            out.append("        ").append(p.name()).append(")\n            cat <<'JOBFILE'\n").append(job)
                    .append("JOBFILE\n            ;;\n");
        }
        out.append("        *) return 1 ;;\n    esac\n}\n\n");
        out.append("# tier mounts of the embedded policy: tested when no mount is named on the command line\n");
        out.append("jts_tier_mounts() {\n    cat <<'MOUNTS'\n");
        for (Tier tier : policy.tiers()) {
            for (String mount : tier.match().mounts()) {
                if (!SAFE_PATH.matcher(mount).matches()) {
                    throw new IllegalStateException("policy mount \"" + mount + "\" cannot be embedded in a script");
                }
                out.append(checkedName(tier.name())).append(' ').append(mount).append('\n');
            }
        }
        out.append("MOUNTS\n}\n\n");
        out.append(resource("storage-benchmark-main.sh"));
        return out.toString();
    }

    private static StringBuilder header(String name, String version, String purpose) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# ").append(name).append(" (jts-fleet ").append(version).append("): ").append(purpose).append('\n');
        out.append("#\n");
        out.append("# GENERATED by jts.fleet.controller.docs.StandaloneScripts from the host scripts jts-fleet pushes;\n");
        out.append("# do not edit. Regenerate: mvn -o -pl controller -am test -Dtest=StandaloneScriptsTest \\\n");
        out.append("#     -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false\n");
        out.append("# POSIX sh + coreutils/util-linux/awk. Read docs/TROUBLESHOOTING.md for what the output means.\n");
        // the embedded scripts are shellchecked on their own; these checks fire only because they became functions
        // (each subshell function sets its own $sysroot through the host prelude: SC2030/SC2031)
        out.append("# shellcheck disable=SC2317,SC2329,SC2030,SC2031\n");
        out.append("set -u\nLC_ALL=C\nexport LC_ALL\nPATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH\nexport PATH\n\n");
        return out;
    }

    /** The host prelude, once: the functions that follow use its definitions (a subshell sees its parent's). */
    private static void prelude(StringBuilder out) {
        out.append("# ---- the host prelude (host-common.sh) of the scripts below, verbatim, once\n").append(HOST_PRELUDE);
        out.append(HOST_PRELUDE.endsWith("\n") ? "\n" : "\n\n");
    }

    /**
     * {@code script} as a function, without its first line and the host prelude spliced into it (definitions only,
     * defined once above: {@link #prelude}).
     */
    private static void function(StringBuilder out, String name, String what, String script) {
        String body = script;
        if (body.startsWith("#!")) {
            body = body.substring(body.indexOf('\n') + 1);
        }
        int prelude = body.indexOf(HOST_PRELUDE);
        if (prelude >= 0) {
            body = body.substring(0, prelude) + body.substring(prelude + HOST_PRELUDE.length());
        }
        if (!body.endsWith("\n")) {
            body += "\n";
        }
        out.append("# ---- ").append(what).append(", verbatim; runs in a subshell\n");
        out.append(name).append("() (\n").append(body).append(")\n\n");
    }

    private static String checkedName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("name \"" + name + "\" cannot be embedded in a script");
        }
        return name;
    }

    static String resource(String fileName) {
        return ScriptResources.text("/jts/fleet/controller/docs/" + fileName);
    }
}
