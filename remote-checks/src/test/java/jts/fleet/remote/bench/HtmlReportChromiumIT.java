package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;

/** Renders the bench report in headless Chromium (no network): the charts reach the DOM and a PNG comes out. */
class HtmlReportChromiumIT {
    @TempDir
    Path temp;

    private Process chromium(List<String> extra) throws Exception {
        Path chromium = Environment.requireTool("chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + temp.resolve("profile")));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("chromium.err").toFile());
        // chromium writes crash-report settings and dconf state under $HOME whatever --user-data-dir says:
        // a test leaves the user's home alone
        builder.environment().put("HOME", temp.toString());
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        return builder.start();
    }

    @Test
    void chartsAreInTheRenderedDomAndAScreenshotIsTaken() throws Exception {
        Path report = temp.resolve("report.html");
        Files.writeString(report, HtmlReport.render(HtmlReportTest.sampleRuns(), CompareThresholds.DEFAULT));

        Process dump = chromium(List.of("--dump-dom", report.toUri().toString()));
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).as("chromium --dump-dom finished").isTrue();
        assertThat(dump.exitValue()).as("chromium exit; stderr: %s", Files.readString(temp.resolve("chromium.err"))).isZero();
        assertThat(dom).contains("<svg class=\"chart\" data-chart=\"iops\" data-profile=\"rand-read-4k-qd32\"")
                .contains("data-chart=\"bandwidth\"").contains("data-chart=\"latency\"").contains("data-chart=\"fleet\"")
                .contains(">db-01</text>").contains(">db-02</text>").contains("db-03&lt;x&gt;")
                .contains("<polyline class=\"curve\"").contains("before/after: nightly (20261126T0400Z-a1b2)");
        assertThat(dom.split("<svg class=\"chart\"", -1)).as("4 charts per profile").hasSize(5);

        Path png = temp.resolve("report.png");
        Process shot = chromium(List.of("--screenshot=" + png, "--window-size=1200,2400", report.toUri().toString()));
        shot.getInputStream().readAllBytes();
        assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).as("PNG signature")
                .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
