package jts.fleet.remote.bench;

import jts.fleet.inventory.Keyed;

/**
 * The metrics comparisons and experiments judge, with their direction: more throughput is better, less latency and
 * CPU. The unit is in the name ({@code _us}: microseconds); the {@link #key()} ({@code clat_p99_us}) is the word of
 * JSON and the command line.
 */
public enum Metric implements Keyed {
    IOPS,
    BW_BYTES_PER_S,
    CLAT_P50_US,
    CLAT_P99_US,
    CLAT_P999_US,
    CLAT_MAX_US,
    SYNC_LAT_P99_US,
    CPU_US_PER_IO;

    /** True for throughput metrics (judged by the throughput threshold), false for latency and CPU. */
    public boolean throughput() {
        return this == IOPS || this == BW_BYTES_PER_S;
    }

    /** The direction of a change that is an improvement: up for throughput, down for latency and CPU. */
    public boolean higherIsBetter() {
        return throughput();
    }
}
