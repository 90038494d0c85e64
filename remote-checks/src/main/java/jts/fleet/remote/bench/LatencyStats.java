package jts.fleet.remote.bench;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One fio latency block, always in nanoseconds (older fio's microsecond blocks are converted on parse).
 * {@code percentilesNs} maps the percentile (99.9) to its value; empty when fio did not report percentiles.
 */
public record LatencyStats(long count, double minNs, double maxNs, double meanNs, double stddevNs,
                           NavigableMap<Double, Double> percentilesNs) {
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, new TreeMap<>());

    public LatencyStats {
        percentilesNs = Collections.unmodifiableNavigableMap(new TreeMap<>(percentilesNs));
    }

    /** The reported value at {@code percentile}, or the nearest reported one above it; NaN when there is none. */
    public double percentileNs(double percentile) {
        var e = percentilesNs.ceilingEntry(percentile - 1e-9);
        return e == null ? Double.NaN : e.getValue();
    }

    /** Merges blocks of parallel jobs: counts add, mean is weighted, min/max and each percentile are the worst. */
    public static LatencyStats merge(Iterable<LatencyStats> blocks) {
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double weighted = 0;
        double stddev = 0;
        TreeMap<Double, Double> pct = new TreeMap<>();
        for (LatencyStats b : blocks) {
            if (b.count == 0) {
                continue;
            }
            count += b.count;
            min = Math.min(min, b.minNs);
            max = Math.max(max, b.maxNs);
            weighted += b.meanNs * b.count;
            stddev = Math.max(stddev, b.stddevNs);
            // exact merging needs the histograms; the worst job's percentile is the conservative bound
            b.percentilesNs.forEach((k, v) -> pct.merge(k, v, Math::max));
        }
        if (count == 0) {
            return EMPTY;
        }
        return new LatencyStats(count, min, max, weighted / count, stddev, pct);
    }
}
