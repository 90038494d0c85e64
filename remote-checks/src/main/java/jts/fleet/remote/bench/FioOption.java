package jts.fleet.remote.bench;

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

    private static final Map<String, Pattern> ALLOWED = Map.ofEntries(
            Map.entry("rw", Pattern.compile("^(read|write|randread|randwrite|rw|readwrite|randrw)$")),
            Map.entry("bs", SIZE),
            // only "off": a profile may ask for buffered I/O (etcd's 2300 B writes cannot be O_DIRECT-aligned)
            Map.entry("direct", Pattern.compile("^0$")),
            Map.entry("iodepth", COUNT),
            Map.entry("numjobs", Pattern.compile("^([1-9]|[1-5][0-9]|6[0-4])$")),
            Map.entry("ioengine", Pattern.compile("^(sync|psync|pvsync2|libaio|io_uring|posixaio)$")),
            Map.entry("fdatasync", COUNT),
            Map.entry("fsync", COUNT),
            Map.entry("rwmixread", PERCENT),
            Map.entry("file_append", BOOL),
            Map.entry("end_fsync", BOOL),
            Map.entry("fsync_on_close", BOOL),
            Map.entry("nrfiles", Pattern.compile("^([1-9]|[1-9][0-9])$")),
            Map.entry("rate_iops", COUNT),
            Map.entry("rate", SIZE),
            Map.entry("iodepth_batch_submit", COUNT),
            Map.entry("iodepth_batch_complete_min", COUNT),
            Map.entry("randrepeat", BOOL),
            Map.entry("norandommap", BOOL),
            Map.entry("refill_buffers", BOOL),
            Map.entry("buffer_compress_percentage", PERCENT));

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
