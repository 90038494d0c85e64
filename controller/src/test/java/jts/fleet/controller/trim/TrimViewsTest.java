package jts.fleet.controller.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.trim.TrimScript;
import jts.fleet.remote.trim.Activation;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.remote.trim.TrimLog;
import jts.fleet.remote.trim.TrimStatus;

class TrimViewsTest {
    private static final List<String> LINES = List.of(
            "{\"time\":\"2026-11-28T08:00:01Z\",\"ts\":1795852801,\"host\":\"db-01\",\"mount\":\"/data\",\"device\":\"/dev/nvme0n1p1\",\"majmin\":\"259:1\",\"bytes\":1610612736,\"duration_s\":2.25,\"result\":\"ok\",\"reason\":\"\",\"dry_run\":false}",
            "{\"time\":\"2026-11-28T08:00:01Z\",\"ts\":1795852801,\"host\":\"db-01\",\"mount\":\"/data/bind\",\"device\":\"/dev/nvme0n1p1\",\"majmin\":\"259:1\",\"bytes\":0,\"duration_s\":0,\"result\":\"skipped\",\"reason\":\"same filesystem as /data (device 259:1): trimmed once\",\"dry_run\":false}");

    private static RunReport report() {
        return new RunReport("db-01", RunReport.Mode.INSTALLED, 0, TrimLog.parse(LINES).records(), "", Duration.ofMillis(2400));
    }

    @Test
    void runTextIsOneSummaryLineAndOneLinePerFilesystem() {
        assertThat(TrimViews.text(report())).containsExactly(
                "db-01: ok, 1.5 GiB trimmed in 2.4 s (installed script)",
                "  /data       ok       1.5 GiB in 2.3 s",
                "  /data/bind  skipped  same filesystem as /data (device 259:1): trimmed once");
    }

    @Test
    void runJsonUsesTheRunLogVocabulary() {
        String json = TrimViews.json(report()).toString();
        assertThat(json).startsWith("{\"host\":\"db-01\",\"outcome\":\"ok\",\"mode\":\"installed\",\"exit_code\":0,"
                + "\"bytes\":1610612736,\"elapsed_s\":2.4,\"filesystems\":[{\"time\":\"2026-11-28T08:00:01Z\","
                + "\"ts\":1795852801,\"mount\":\"/data\",\"device\":\"/dev/nvme0n1p1\",\"majmin\":\"259:1\","
                + "\"bytes\":1610612736,\"duration_s\":2.25,\"result\":\"ok\"");
    }

    @Test
    void installViewsShowChangesCommandsAndWarnings() {
        InstallReport report = new InstallReport("db-01",
                List.of(new FileOutcome("/etc/jts-fleet/trim.conf", FileChange.INSTALLED, "ab"),
                        new FileOutcome("/usr/local/libexec/jts-fleet/jts-fstrim", FileChange.UNCHANGED, "cd")),
                new Activation.NoSystemd(TrimScript.activationCommands(false)), List.of("db-01: systemd is not running"));
        assertThat(TrimViews.text(report)).containsExactly("db-01: changed",
                "  installed /etc/jts-fleet/trim.conf", "  unchanged /usr/local/libexec/jts-fleet/jts-fstrim",
                "  would run: systemctl daemon-reload", "  would run: systemctl enable --now jts-fstrim.timer",
                "  would run: systemctl is-enabled fstrim.timer", "  warning: db-01: systemd is not running");
        assertThat(TrimViews.json(report).toString()).contains("\"changed\":true",
                "{\"path\":\"/etc/jts-fleet/trim.conf\",\"change\":\"installed\",\"sha256\":\"ab\"}",
                "\"systemd\":{\"state\":\"absent\",\"commands\":[\"systemctl daemon-reload\"");
    }

    @Test
    void statusJsonHasLastRunAndLastSuccessPerMount() {
        String json = TrimViews.json(TrimStatus.fromLog("db-01", LINES)).toString();
        assertThat(json).contains("\"next_elapse\":null", "\"last_success\":{\"/data\":\"2026-11-28T08:00:01Z\"}",
                "\"unreadable_lines\":[]");
    }
}
