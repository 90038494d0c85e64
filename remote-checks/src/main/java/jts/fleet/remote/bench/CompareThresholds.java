package jts.fleet.remote.bench;

/**
 * How large a change must be before {@code bench compare} calls it a change rather than noise, in percent:
 * throughput (IOPS, bandwidth) and latency (percentiles, CPU per I/O).
 */
public record CompareThresholds(double throughputPct, double latencyPct) {
    public static final CompareThresholds DEFAULT = new CompareThresholds(5, 10);

    public CompareThresholds {
        if (!(throughputPct > 0 && latencyPct > 0)) {
            throw new IllegalArgumentException("thresholds must be positive percentages: " + throughputPct + ", " + latencyPct);
        }
    }

    public double pctFor(Metric metric) {
        return metric.throughput() ? throughputPct : latencyPct;
    }
}
