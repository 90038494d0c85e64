package jts.fleet.remote.bench;

import jts.fleet.inventory.Keyed;

/**
 * The metrics comparisons and experiments judge, with their direction (more IOPS is better, less latency). The
 * {@link #key()} ({@code clat_p99_us}) is the word of JSON and the command line.
 */
public enum Metric implements Keyed {
    IOPS(true, "IOPS"),
    BW_BYTES_PER_S(true, "bytes/s"),
    CLAT_P50_US(false, "µs"),
    CLAT_P99_US(false, "µs"),
    CLAT_P999_US(false, "µs"),
    CLAT_MAX_US(false, "µs"),
    SYNC_LAT_P99_US(false, "µs"),
    CPU_US_PER_IO(false, "µs CPU/IO");

    private final boolean higherIsBetter;
    private final String unit;

    Metric(boolean higherIsBetter, String unit) {
        this.higherIsBetter = higherIsBetter;
        this.unit = unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String unit() {
        return unit;
    }

    /** True for throughput metrics (judged by the throughput threshold), false for latency and CPU. */
    public boolean throughput() {
        return this == IOPS || this == BW_BYTES_PER_S;
    }
}
