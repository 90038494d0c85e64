package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of an A/B experiment: per metric each arm's median over its rounds, the difference (B minus A)
 * with a bootstrap 95 % confidence interval (seeded, so the same rounds give the same report) and a
 * Mann-Whitney p-value as a second opinion. "better"/"worse" only when the interval excludes zero.
 */
public record ExperimentAnalysis(String armA, String armB, int rounds, List<MetricResult> metrics) {
    public static final List<Metric> METRICS = List.of(Metric.IOPS, Metric.CLAT_P99_US, Metric.CPU_US_PER_IO);
    public static final int RESAMPLES = 10_000;
    public static final long SEED = 20_240_605L;

    public record MetricResult(String metric, double medianA, double medianB, double difference, double differencePct,
                               double ci95Low, double ci95High, double mannWhitneyP, String verdict) {
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
