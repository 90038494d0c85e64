package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void median() {
        assertThat(Statistics.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Statistics.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Statistics.median(new double[] {})).isNaN();
    }

    @Test
    void bootstrapIsReproducibleAndCoversTheShift() {
        double[] a = {100, 102, 98, 101, 99, 103, 97, 100};
        double[] b = {120, 118, 122, 121, 119, 117, 123, 120};
        Statistics.Interval ci = Statistics.bootstrapMedianDifference(a, b, 5000, 0.95, 42);
        assertThat(ci).isEqualTo(Statistics.bootstrapMedianDifference(a, b, 5000, 0.95, 42));
        assertThat(ci.low()).isGreaterThan(0).isLessThanOrEqualTo(20);
        assertThat(ci.high()).isGreaterThanOrEqualTo(20);
        assertThat(ci.excludesZero()).isTrue();
        Statistics.Interval same = Statistics.bootstrapMedianDifference(a, a.clone(), 5000, 0.95, 42);
        assertThat(same.excludesZero()).isFalse();
    }

    @Test
    void mannWhitney() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] b = {11, 12, 13, 14, 15, 16, 17, 18};
        // complete separation of 8 vs 8: exact p = 2/12870 = 0.00016; the normal approximation gives ~0.001
        assertThat(Statistics.mannWhitneyP(a, b)).isLessThan(0.002);
        assertThat(Statistics.mannWhitneyP(a, a.clone())).isCloseTo(1.0, within(1e-6));
        assertThat(Statistics.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
    }

    @Test
    void experimentVerdicts() {
        List<ProfileSummary> a = new ArrayList<>();
        List<ProfileSummary> b = new ArrayList<>();
        double[] noise = {0.99, 1.01, 1.0, 0.98, 1.02};
        for (double n : noise) {
            a.add(Docs.summary("rand-read-4k-qd32", 100_000 * n, 200 * n));
            b.add(Docs.summary("rand-read-4k-qd32", 130_000 * n, 200 * (2 - n)));
        }
        ExperimentAnalysis x = ExperimentAnalysis.analyse("scheduler=none", a, "scheduler=mq-deadline", b);
        assertThat(x.rounds()).isEqualTo(5);
        var iops = x.metrics().stream().filter(m -> m.metric().equals("iops")).findFirst().orElseThrow();
        assertThat(iops.medianA()).isEqualTo(100_000);
        assertThat(iops.medianB()).isEqualTo(130_000);
        assertThat(iops.differencePct()).isEqualTo(30.0);
        assertThat(iops.verdict()).isEqualTo("better");
        assertThat(iops.ci95Low()).isPositive();
        var p99 = x.metrics().stream().filter(m -> m.metric().equals("clat_p99_us")).findFirst().orElseThrow();
        assertThat(p99.verdict()).as("same median, spread both ways").isEqualTo("no-significant-difference");
        assertThat(ExperimentAnalysis.analyse("A", b, "B", a).metrics().get(0).verdict()).isEqualTo("worse");
    }
}
