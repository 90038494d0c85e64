package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    static List<HtmlReport.Run> sampleRuns() throws Exception {
        String rr = "fio-3.33-rand-read-4k-qd32-io_uring.json";
        HtmlReport.Run before = new HtmlReport.Run("20261126T0400Z-a1b2", List.of(
                Docs.recorded("20261126T0400Z-a1b2", "db-01", "hot", "rand-read-4k-qd32", rr, 1.0),
                Docs.recorded("20261126T0400Z-a1b2", "db-02", "hot", "rand-read-4k-qd32", rr, 1.02),
                Docs.recorded("20261126T0400Z-a1b2", "db-03<x>", "hot", "rand-read-4k-qd32", rr, 0.4)));
        HtmlReport.Run after = new HtmlReport.Run("20261126T0500Z-c3d4", List.of(
                Docs.recorded("20261126T0500Z-c3d4", "db-01", "hot", "rand-read-4k-qd32", rr, 1.2),
                Docs.recorded("20261126T0500Z-c3d4", "db-02", "hot", "rand-read-4k-qd32", rr, 1.0),
                Docs.recorded("20261126T0500Z-c3d4", "db-03<x>", "hot", "rand-read-4k-qd32", rr, 0.41)));
        return List.of(before, after);
    }

    @Test
    void reportIsSelfContainedAndMatchesGolden() throws Exception {
        String html = HtmlReport.render(sampleRuns(), CompareThresholds.DEFAULT);
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=").doesNotContain("<link");
        assertThat(html).contains("data-chart=\"iops\" data-profile=\"rand-read-4k-qd32\"")
                .contains("data-chart=\"bandwidth\"").contains("data-chart=\"latency\"").contains("data-chart=\"fleet\"")
                .contains("db-03&lt;x&gt;").doesNotContain("db-03<x>")
                .contains("outlier: db-03&lt;x&gt;")
                .contains("before/after: 20261126T0400Z-a1b2 → 20261126T0500Z-c3d4")
                .contains("<polyline class=\"curve\"");
        Golden.check(Golden.DIR.resolve("report-two-runs.html"), html);
    }
}
