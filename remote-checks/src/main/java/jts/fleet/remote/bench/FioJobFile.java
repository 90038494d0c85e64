package jts.fleet.remote.bench;

import java.util.Map;

/**
 * Renders a profile as a fio job file. The host-dependent parts are fio environment references that
 * {@code bench.sh} exports after probing: {@code ${JTS_BENCH_DIR}} (the profile's directory inside the run
 * directory), {@code ${JTS_IOENGINE}} (io_uring or libaio) and {@code ${JTS_DIRECT}} (1 when O_DIRECT works on
 * the target). Everything else comes from validated profile options, so the file never carries text read from
 * a host.
 */
public final class FioJobFile {
    private FioJobFile() {
    }

    public static String render(FioProfile profile, BenchParameters parameters) {
        return render(profile, parameters, false);
    }

    /**
     * With {@code rawDevice} the jobs write to {@code ${JTS_BENCH_DEV}} itself, each job in its own region
     * ({@code offset} = job index x size) so parallel jobs do not overlap; appending has no meaning on a device
     * and is dropped.
     */
    public static String render(FioProfile profile, BenchParameters parameters, boolean rawDevice) {
        StringBuilder out = new StringBuilder();
        out.append("; jts-fleet profile ").append(profile.name()).append(" (").append(profile.source()).append(")\n");
        out.append("[global]\n");
        out.append(rawDevice ? "filename=${JTS_BENCH_DEV}\n" : "directory=${JTS_BENCH_DIR}\n");
        out.append("direct=${JTS_DIRECT}\n");
        out.append("ioengine=${JTS_IOENGINE}\n");
        out.append("size=").append(parameters.sizeBytes()).append('\n');
        out.append("runtime=").append(parameters.runtimeSeconds()).append('\n');
        out.append("time_based=1\n");
        // fixed seeds: every host and every round reads the same offsets
        out.append("randrepeat=1\n");
        out.append("percentile_list=1:5:10:20:30:40:50:60:70:80:90:95:99:99.5:99.9:99.95:99.99\n");
        for (int i = 0; i < profile.jobs().size(); i++) {
            FioJob job = profile.jobs().get(i);
            out.append('[').append(job.name()).append("]\n");
            if (rawDevice) {
                out.append("offset=").append(i * parameters.sizeBytes()).append('\n');
            }
            for (Map.Entry<String, String> e : job.options().entrySet()) {
                if (rawDevice && e.getKey().equals("file_append")) {
                    continue;
                }
                out.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        return out.toString();
    }
}
