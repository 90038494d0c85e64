package jts.fleet.remote.bench;

import jts.fleet.inventory.Keyed;

/**
 * The metrics comparisons and experiments judge, with their direction: more throughput is better, less latency and
 * CPU. The {@link #key()} ({@code clat_p99_us}) is the word of JSON and the command line.
 */
public enum Metric implements Keyed {
    IOPS("IOPS"),
    BW_BYTES_PER_S("bytes/s"),
    CLAT_P50_US("µs"),
    CLAT_P99_US("µs"),
    CLAT_P999_US("µs"),
    CLAT_MAX_US("µs"),
    SYNC_LAT_P99_US("µs"),
    CPU_US_PER_IO("µs CPU/IO");

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    /** True for throughput metrics (judged by the throughput threshold), false for latency and CPU. */
    public boolean throughput() {
        return this == IOPS || this == BW_BYTES_PER_S;
    }

    /** The direction of a change that is an improvement: up for throughput, down for latency and CPU. */
    public boolean higherIsBetter() {
        return throughput();
    }
}
