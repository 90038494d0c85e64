package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.CompareThresholds;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.QueueSettings;
import jts.fleet.remote.bench.RunComparison;
import jts.fleet.remote.bench.TargetDevices;

class BenchQueriesTest {
    @TempDir
    Path temp;

    private static BenchDocument doc(String run, String host, String fio, double iops, double p99) {
        ProfileSummary s = new ProfileSummary("rand-read-4k-qd32", iops, iops, 0, (long) iops * 4096, (long) iops, p99 / 2,
                p99 / 2, p99, p99 * 2, p99 * 4, null, null, null, null, 5, 20, 3, 1000, true, false, null);
        return new BenchDocument(BenchDocument.SCHEMA, run, host, "hot", "", "2026-11-23T12:00Z", "6.1", fio, "io_uring", true,
                "O_DIRECT accepted", new TargetDevices("/data", "xfs", "/dev/nvme0n1", "259:0",
                List.of(new QueueSettings("nvme0n1", "top,leaf", Map.of("scheduler", "[none] mq-deadline")))), 1, 16L << 20,
                List.of(new BenchDocument.ProfileResult(s, 0, "", 1300, 250, null)));
    }

    @Test
    void compareFleetReportThroughTheStore() throws Exception {
        BenchStore store = new BenchStore(temp.resolve("s"));
        for (String h : List.of("db-01", "db-02", "db-03")) {
            store.save(doc("20261123T120000Z-aaaa", h, "fio-3.33", 100_000, 200), h);
        }
        store.save(doc("20261124T120000Z-bbbb", "db-01", "fio-3.33", 80_000, 300), "db-01");
        store.save(doc("20261124T120000Z-bbbb", "db-02", "fio-3.33", 100_000, 200), "db-02");
        store.save(doc("20261124T120000Z-bbbb", "db-03", "fio-3.36", 100_000, 200), "db-03");
        BenchQueries q = new BenchQueries(store);
        assertThat(BenchText.runs(q.list())).contains("20261123T120000Z-aaaa").contains("rand-read-4k-qd32");
        assertThat(BenchText.documents(q.show("20261124"))).contains("db-03").contains("fio-3.36");

        assertThatThrownBy(() -> q.compare("20261123", "20261124", CompareThresholds.DEFAULT, false))
                .isInstanceOf(RunComparison.Refused.class).hasMessageContaining("db-03: fio versions differ");
        RunComparison c = q.compare("20261123", "20261124", CompareThresholds.DEFAULT, true);
        assertThat(c.regression()).isTrue();
        String text = BenchText.comparison(c);
        assertThat(text).contains("warning: db-03: fio versions differ").containsPattern("db-01 +rand-read-4k-qd32 +iops .*-20.00%  regressed")
                .endsWith("regression beyond the thresholds\n");

        assertThat(BenchText.fleet(q.fleet("20261124T120000Z-bbbb", 1.4, 0.85))).contains("db-01").containsPattern("p99 300.0 µs is 1.5x");
        Path html = q.report(List.of("20261123", "20261124"), temp.resolve("out/report.html"), CompareThresholds.DEFAULT);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("before/after: 20261123T120000Z-aaaa");
    }
}
