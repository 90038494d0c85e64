package jts.fleet.inventory;

import java.util.Optional;

/**
 * The allowlist of block-queue attributes jts-fleet may ever write. The policy key and the file name under
 * {@code /sys/block/<dev>/queue/} are the same. For network filesystems (no block queue) {@code read_ahead_kb} and
 * {@code max_ratio} are written to their backing device, {@code /sys/class/bdi/MAJ:MIN/}.
 */
public enum QueueAttribute {
    SCHEDULER("scheduler"),
    READ_AHEAD_KB("read_ahead_kb"),
    NR_REQUESTS("nr_requests"),
    RQ_AFFINITY("rq_affinity"),
    NOMERGES("nomerges"),
    ADD_RANDOM("add_random"),
    WBT_LAT_USEC("wbt_lat_usec"),
    MAX_SECTORS_KB("max_sectors_kb"),
    /** Only ever written when a policy sets it explicitly; never in the embedded default. */
    WRITE_CACHE("write_cache"),
    /**
     * Share of the dirty page cache the backing device may hold, percent: an attribute of the BDI
     * ({@code /sys/class/bdi/MAJ:MIN/max_ratio}), set for network filesystems, which have no block queue.
     */
    MAX_RATIO("max_ratio");

    private final String key;

    QueueAttribute(String key) {
        this.key = key;
    }

    /** Policy key and sysfs file name, e.g. {@code read_ahead_kb}. */
    public String key() {
        return key;
    }

    public static Optional<QueueAttribute> parse(String key) {
        for (QueueAttribute a : values()) {
            if (a.key.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
