package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static RunComparison.Delta delta(RunComparison c, String host, String metric) {
        return c.deltas().stream().filter(d -> d.host().equals(host) && d.metric().equals(metric)).findFirst().orElseThrow();
    }

    /** Runs shorter than the minimum, or whose IOPS swung within the run more than the threshold, are flagged. */
    @Test
    void shortOrUnsteadyRunsCarryANoiseWarning() throws Exception {
        String rr = "fio-3.33-rand-read-4k-qd32-io_uring.json";
        BenchDocument before = Docs.recorded("r1", "db-01", "hot", "rand-read-4k-qd32", rr, 1.0);
        BenchDocument after = Docs.recorded("r2", "db-01", "hot", "rand-read-4k-qd32", rr, 0.5);
        RunComparison shortRuns = RunComparison.compare("r1", List.of(before), "r2", List.of(after),
                CompareThresholds.DEFAULT, false);
        assertThat(shortRuns.warnings()).singleElement().asString()
                .startsWith("db-01: noise: runs of 1 s (r1) and 1 s (r2) are shorter than 10 s");

        com.fasterxml.jackson.databind.node.ObjectNode unsteady = before.profiles().get(0).fio().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unsteady.path("jobs").get(0).path("read"))
                .put("iops_mean", 1000.0).put("iops_stddev", 200.0);
        assertThat(RunComparison.iopsSpreadPct(unsteady)).isEqualTo(20.0);
        assertThat(RunComparison.iopsSpreadPct(before.profiles().get(0).fio())).isZero();
        BenchDocument.ProfileResult p = before.profiles().get(0);
        BenchDocument noisy = new BenchDocument(before.schema(), "r1", "db-01", "hot", "x", before.time(), before.kernel(),
                before.fioVersion(), before.engine(), true, before.directNote(), before.target(), 30, before.sizeBytes(),
                List.of(new BenchDocument.ProfileResult(p.summary(), 0, "", p.fioWallMs(), p.layoutMs(), unsteady)));
        List<String> warnings = RunComparison.noise("db-01", "r1", noisy, "r1", noisy, CompareThresholds.DEFAULT);
        assertThat(warnings).hasSize(2).allMatch(w -> w.startsWith("db-01 rand-read-4k-qd32: noise: IOPS varied by 20% "
                + "within run r1 (threshold 5%)"));
    }

    @Test
    void verdictsAgainstThresholds() throws Exception {
        List<BenchDocument> base = List.of(Docs.doc("r1", "db-01", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 100_000, 200)),
                Docs.doc("r1", "db-02", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 100_000, 200)));
        List<BenchDocument> after = List.of(Docs.doc("r2", "db-01", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 104_000, 215)),
                Docs.doc("r2", "db-02", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 90_000, 160)));
        RunComparison c = RunComparison.compare("r1", base, "r2", after, CompareThresholds.DEFAULT, false);
        assertThat(delta(c, "db-01", "iops").verdict()).as("+4 %% < 5 %%").isEqualTo("within-noise");
        assertThat(delta(c, "db-01", "clat_p99_us").verdict()).as("+7.5 %% < 10 %%").isEqualTo("within-noise");
        assertThat(delta(c, "db-02", "iops").verdict()).isEqualTo("regressed");
        assertThat(delta(c, "db-02", "iops").deltaPct()).isEqualTo(-10.0);
        assertThat(delta(c, "db-02", "clat_p99_us").verdict()).as("-20 %% latency is better").isEqualTo("improved");
        assertThat(c.regression()).isTrue();
        assertThat(c.deltas()).noneMatch(d -> d.metric().equals("sync_lat_p99_us"));

        RunComparison loose = RunComparison.compare("r1", base, "r2", after, new CompareThresholds(15, 25), false);
        assertThat(loose.regression()).isFalse();
        assertThat(loose.deltas()).allMatch(d -> d.verdict().equals("within-noise"));
    }

    @Test
    void differentFioVersionsOrProfilesAreRefusedUnlessForced() throws Exception {
        List<BenchDocument> base = List.of(Docs.doc("r1", "db-01", "hot", "fio-3.33", Docs.summary("pg-wal", 1000, 200),
                Docs.summary("etcd-fsync", 900, 250)));
        List<BenchDocument> after = List.of(Docs.doc("r2", "db-01", "hot", "fio-3.36", Docs.summary("pg-wal", 500, 400)));
        assertThatThrownBy(() -> RunComparison.compare("r1", base, "r2", after, CompareThresholds.DEFAULT, false))
                .isInstanceOf(RunComparison.Refused.class)
                .hasMessageContaining("db-01: fio versions differ (fio-3.33 in r1, fio-3.36 in r2)")
                .hasMessageContaining("db-01: profiles differ (etcd-fsync,pg-wal in r1, pg-wal in r2)")
                .hasMessageEndingWith("(use --force to compare anyway)");
        RunComparison forced = RunComparison.compare("r1", base, "r2", after, CompareThresholds.DEFAULT, true);
        assertThat(forced.warnings()).hasSize(2);
        assertThat(forced.deltas()).extracting(RunComparison.Delta::profile).containsOnly("pg-wal");
        assertThat(forced.regression()).isTrue();
    }

    @Test
    void fleetFlagsTheSlowHostOfItsTier() {
        List<BenchDocument> run = List.of(
                Docs.doc("r1", "db-01", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 100_000, 200)),
                Docs.doc("r1", "db-02", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 98_000, 210)),
                Docs.doc("r1", "db-03", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 45_000, 450)),
                Docs.doc("r1", "db-04", "hot", "fio-3.33", Docs.summary("rand-read-4k-qd32", 101_000, 190)),
                // another tier: compared only with its own peers (too few to judge)
                Docs.doc("r1", "log-01", "bulk", "fio-3.33", Docs.summary("rand-read-4k-qd32", 5_000, 5000)));
        FleetComparison f = FleetComparison.compare("r1", run, 2.0, 0.5);
        assertThat(f.outliers()).extracting(FleetComparison.Entry::host).containsExactly("db-03");
        FleetComparison.Entry slow = f.outliers().get(0);
        assertThat(slow.fleetMedianIops()).isEqualTo(99_000);
        assertThat(slow.fleetMedianClatP99Us()).isEqualTo(205);
        assertThat(slow.reasons()).containsExactly("p99 450.0 µs is 2.2x the fleet median 205.0 µs",
                "IOPS 45000 is 0.45x the fleet median 99000");
        assertThat(f.entries()).filteredOn(e -> e.host().equals("log-01")).singleElement()
                .satisfies(e -> assertThat(e.peers()).isEqualTo(1)).satisfies(e -> assertThat(e.outlier()).isFalse());
    }
}
