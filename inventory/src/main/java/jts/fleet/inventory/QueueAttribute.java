package jts.fleet.inventory;

/**
 * The allowlist of block-queue attributes jts-fleet may ever write. The policy key and the file name under
 * {@code /sys/block/<dev>/queue/} are the same, the constant's {@link #key()} ({@code read_ahead_kb}). For network
 * filesystems (no block queue) {@code read_ahead_kb} and {@code max_ratio} are written to their backing device,
 * {@code /sys/class/bdi/MAJ:MIN/}.
 */
public enum QueueAttribute implements Keyed {
    SCHEDULER,
    READ_AHEAD_KB,
    NR_REQUESTS,
    RQ_AFFINITY,
    NOMERGES,
    ADD_RANDOM,
    WBT_LAT_USEC,
    MAX_SECTORS_KB,
    /** Only ever written when a policy sets it explicitly; never in the embedded default. */
    WRITE_CACHE,
    /**
     * Share of the dirty page cache the backing device may hold, percent: an attribute of the BDI
     * ({@code /sys/class/bdi/MAJ:MIN/max_ratio}), set for network filesystems, which have no block queue.
     */
    MAX_RATIO
}
