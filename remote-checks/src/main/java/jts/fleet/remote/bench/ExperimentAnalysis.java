package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verdict of an A/B experiment: per metric each arm's median over its rounds, the difference (B minus A)
 * with a bootstrap 95 % confidence interval (seeded, so the same rounds give the same report) and a
 * Mann-Whitney p-value as a second opinion. "better"/"worse" only when the interval excludes zero.
 */
public record ExperimentAnalysis(@JsonProperty("arm_a") String armA, @JsonProperty("arm_b") String armB,
                                 @JsonProperty("rounds") int rounds, @JsonProperty("metrics") List<MetricResult> metrics) {
    public static final List<Metric> METRICS = List.of(Metric.IOPS, Metric.CLAT_P99_US, Metric.CPU_US_PER_IO);
    public static final int RESAMPLES = 10_000;
    public static final long SEED = 20_240_605L;

    public record MetricResult(@JsonProperty("metric") String metric, @JsonProperty("median_a") double medianA,
                               @JsonProperty("median_b") double medianB, @JsonProperty("difference") double difference,
                               @JsonProperty("difference_pct") double differencePct,
                               @JsonProperty("ci95_low") double ci95Low, @JsonProperty("ci95_high") double ci95High,
                               @JsonProperty("mann_whitney_p") double mannWhitneyP,
                               @JsonProperty("verdict") String verdict) {
    }

    public ExperimentAnalysis {
        metrics = List.copyOf(metrics);
    }

    public static ExperimentAnalysis analyse(String armA, List<ProfileSummary> a, String armB, List<ProfileSummary> b) {
        List<MetricResult> results = new ArrayList<>();
        for (Metric m : METRICS) {
            double[] va = a.stream().mapToDouble(s -> s.metric(m)).filter(v -> !Double.isNaN(v)).toArray();
            double[] vb = b.stream().mapToDouble(s -> s.metric(m)).filter(v -> !Double.isNaN(v)).toArray();
            if (va.length == 0 || vb.length == 0) {
                continue;
            }
            double ma = Statistics.median(va);
            double mb = Statistics.median(vb);
            Statistics.Interval ci = Statistics.bootstrapMedianDifference(va, vb, RESAMPLES, 0.95, SEED);
            double p = Statistics.mannWhitneyP(va, vb);
            Verdict v = Verdict.NO_SIGNIFICANT_DIFFERENCE;
            if (ci.excludesZero()) {
                boolean bHigher = ci.low() > 0;
                v = bHigher == m.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
            }
            results.add(new MetricResult(m.key(), ma, mb, mb - ma, RunComparison.pct(ma, mb), ci.low(), ci.high(), p, v.key()));
        }
        return new ExperimentAnalysis(armA, armB, Math.min(a.size(), b.size()), results);
    }
}
