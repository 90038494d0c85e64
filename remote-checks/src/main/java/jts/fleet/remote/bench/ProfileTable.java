package jts.fleet.remote.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the profile registry as the Markdown reference in {@code docs/bench-profiles.md}. */
public final class ProfileTable {
    private ProfileTable() {
    }

    public static String markdown(BenchProfiles profiles) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark profiles\n\n");
        md.append("Generated from `remote-checks/src/main/resources/jts/fleet/remote/bench/profiles.json` by\n");
        md.append("`ProfileTable` (regenerate: `mvn -pl remote-checks test -Dtest=BenchProfilesTest -Djts.golden.update=true`).\n\n");
        md.append("Every profile also gets, from jts-fleet itself: `direct=1` when the O_DIRECT probe on the target succeeds\n");
        md.append("(else `direct=0` and the results are marked `page_cache`; a profile may set `direct=0` itself when it is buffered by\n");
        md.append("design, like etcd's unaligned 2300 B writes), `ioengine` = io_uring when fio and the kernel\n");
        md.append("support it, else libaio (unless the profile names an engine), `size` and `runtime` from `--size`/`--runtime`,\n");
        md.append("`time_based=1`, `randrepeat=1`, and its files laid out (written) before the timed run.\n\n");
        md.append("| profile | jobs (run in parallel) | fio options | what it models |\n");
        md.append("|---|---|---|---|\n");
        for (FioProfile p : profiles.all()) {
            String jobs = p.jobs().stream().map(FioJob::name).collect(Collectors.joining("<br>"));
            String options = p.jobs().stream().map(j -> j.options().entrySet().stream()
                    .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(" ")))
                    .collect(Collectors.joining("<br>"));
            md.append("| `").append(p.name()).append("` | ").append(jobs).append(" | ").append(options).append(" | ")
                    .append(p.description().replace("|", "\\|")).append(" |\n");
        }
        md.append("\n## Suites\n\n| suite | profiles |\n|---|---|\n");
        for (Map.Entry<String, List<String>> s : profiles.suites().entrySet()) {
            md.append("| `").append(s.getKey()).append("` | ").append(String.join(", ", s.getValue())).append(" |\n");
        }
        md.append("\n## Overriding in the policy\n\n");
        md.append("`benchProfiles` in the policy maps a profile name to fio options; it replaces the embedded profile of\n");
        md.append("that name or adds one. Only these options are accepted (anything naming files, hooks or the\n");
        md.append("environment is refused): `bs buffer_compress_percentage end_fsync fdatasync file_append fsync\n");
        md.append("direct=0 only, fsync_on_close iodepth iodepth_batch_complete_min iodepth_batch_submit ioengine norandommap nrfiles numjobs\n");
        md.append("randrepeat rate rate_iops refill_buffers rw rwmixread`.\n");
        return md.toString();
    }
}
