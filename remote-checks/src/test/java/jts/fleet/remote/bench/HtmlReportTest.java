package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import jts.fleet.inventory.testing.Golden;

class HtmlReportTest {
    private static final Golden GOLDEN = Golden.under("bench/golden");


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
                .contains("before/after: nightly (20261126T0400Z-a1b2) → nightly (20261126T0500Z-c3d4)")
                .contains("<polyline class=\"curve\"")
                .doesNotContain(">null<").contains("rotate(-45 ");
        GOLDEN.assertMatches("report-two-runs.html", html);
    }

    /** Charts name runs by their labels; the run id only tells two runs with one label apart; no "null" tier. */
    @Test
    void runsAreNamedByLabelAndMissingFieldsShowADash() throws Exception {
        List<HtmlReport.Run> runs = sampleRuns();
        HtmlReport.Run before = new HtmlReport.Run("r1", runs.get(0).documents().stream()
                .map(d -> relabel(d, "before", null)).toList());
        HtmlReport.Run after = new HtmlReport.Run("r2", runs.get(1).documents().stream()
                .map(d -> relabel(d, "after", null)).toList());
        assertThat(HtmlReport.names(List.of(before, after))).containsExactly(
                java.util.Map.entry("r1", "before"), java.util.Map.entry("r2", "after"));
        String html = HtmlReport.render(List.of(before, after), CompareThresholds.DEFAULT);
        assertThat(html).contains("before/after: before → after").contains("db-01 @ before")
                .contains("<td class=\"l\">db-01</td><td class=\"l\">-</td>").doesNotContain("[null]")
                .doesNotContain(">null<");
    }

    private static BenchDocument relabel(BenchDocument d, String label, String tier) {
        return new BenchDocument(d.schema(), d.runId(), d.host(), tier, label, d.time(), d.kernel(), d.fioVersion(),
                d.engine(), d.direct(), d.directNote(), d.target(), d.runtimeSeconds(), d.sizeBytes(), d.profiles());
    }


    /** Text from a host (a host name, a device model, fio's error text) shows its control characters written out. */
    @Test
    void controlCharactersFromHostsAreWrittenOutThenHtmlEscaped() {
        assertThat(Svg.esc("model \u001b]0;pwned\u0007<b>\n")).isEqualTo("model \\x1b]0;pwned\\x07&lt;b&gt;\\n");
    }
}
