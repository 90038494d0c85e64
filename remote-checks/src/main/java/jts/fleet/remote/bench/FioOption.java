package jts.fleet.remote.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The allowlist of fio options a profile (embedded or from the policy) may set, each with the pattern its
 * value must match. Everything about where and how long fio runs ({@code directory}, {@code size},
 * {@code runtime}) is set by jts-fleet itself; {@code direct} only as
 * {@code direct=0} for workloads that are buffered by design.
 */
final class FioOption {
    private static final Pattern COUNT = Pattern.compile("^[0-9]{1,6}$");
    private static final Pattern SIZE = Pattern.compile("^[0-9]{1,9}[kKmMgG]?$");
    private static final Pattern BOOL = Pattern.compile("^[01]$");
    private static final Pattern PERCENT = Pattern.compile("^(100|[0-9]{1,2})$");

    /** Each value rule with the options it applies to. */
    private static final Map<String, Pattern> ALLOWED = byOption(Map.of(
            Pattern.compile("^(read|write|randread|randwrite|rw|readwrite|randrw)$"), List.of("rw"),
            Pattern.compile("^(sync|psync|pvsync2|libaio|io_uring|posixaio)$"), List.of("ioengine"),
            // only "off": a profile may ask for buffered I/O (etcd's 2300 B writes cannot be O_DIRECT-aligned)
            Pattern.compile("^0$"), List.of("direct"),
            Pattern.compile("^([1-9]|[1-5][0-9]|6[0-4])$"), List.of("numjobs"),
            Pattern.compile("^([1-9]|[1-9][0-9])$"), List.of("nrfiles"),
            SIZE, List.of("bs", "rate"),
            COUNT, List.of("iodepth", "fdatasync", "fsync", "rate_iops", "iodepth_batch_submit",
                    "iodepth_batch_complete_min"),
            PERCENT, List.of("rwmixread", "buffer_compress_percentage"),
            BOOL, List.of("file_append", "end_fsync", "fsync_on_close", "randrepeat", "norandommap",
                    "refill_buffers")));

    private static Map<String, Pattern> byOption(Map<Pattern, List<String>> byRule) {
        Map<String, Pattern> options = new HashMap<>();
        byRule.forEach((rule, names) -> names.forEach(name -> options.put(name, rule)));
        return Map.copyOf(options);
    }

    private FioOption() {
    }

    static void validate(String job, String key, String value) {
        Pattern pattern = ALLOWED.get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("fio job " + job + ": option " + FioJob.quote(key)
                    + " is not allowed in a profile (allowed: " + new java.util.TreeSet<>(ALLOWED.keySet()) + ")");
        }
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("fio job " + job + ": " + key + " = " + FioJob.quote(value)
                    + " does not match " + pattern.pattern());
        }
    }
}
