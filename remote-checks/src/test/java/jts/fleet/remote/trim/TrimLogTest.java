package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrimLogTest {
    // recorded from jts-fstrim on a loop-device test run (one dry-run line added)
    private static final List<String> LINES = List.of(
            "{\"time\":\"2026-11-21T07:00:03Z\",\"ts\":1795244403,\"host\":\"db-01\",\"mount\":\"/data\",\"device\":\"/dev/loop0\",\"majmin\":\"7:0\",\"bytes\":1073741824,\"duration_s\":2.417,\"result\":\"ok\",\"reason\":\"\",\"dry_run\":false}",
            "{\"time\":\"2026-11-21T07:00:03Z\",\"ts\":1795244403,\"host\":\"db-01\",\"mount\":\"/data-bind\",\"device\":\"/dev/loop0\",\"majmin\":\"7:0\",\"bytes\":0,\"duration_s\":0,\"result\":\"skipped\",\"reason\":\"same filesystem as /data (device 7:0): trimmed once\",\"dry_run\":false}",
            "",
            "garbage from a truncated write",
            "{\"time\":\"2026-11-28T15:00:00Z\",\"ts\":1795849200,\"host\":\"db-01\",\"mount\":\"/data\",\"device\":\"\",\"majmin\":\"\",\"bytes\":0,\"duration_s\":0,\"result\":\"refused\",\"reason\":\"inside blackout window days 1,2,3,4,5 0800-1800 America/New_York (use --force to override)\",\"dry_run\":false}",
            "{\"time\":\"2026-11-29T07:00:00Z\",\"ts\":1795935600,\"host\":\"db-01\",\"mount\":\"/data\",\"device\":\"/dev/loop0\",\"majmin\":\"7:0\",\"bytes\":0,\"duration_s\":0,\"result\":\"skipped\",\"reason\":\"dry run: would trim\",\"dry_run\":true}",
            "{\"ts\":1,\"host\":\"db-01\",\"mount\":\"/x\",\"bytes\":0,\"duration_s\":0,\"result\":\"exploded\"}",
            "{\"ts\":\"soon\",\"host\":\"db-01\",\"mount\":\"/x\",\"bytes\":0,\"duration_s\":0,\"result\":\"ok\"}");

    @Test
    void parsesRecordsAndKeepsBadLinesAsProblemsWithLineNumbers() {
        TrimLog log = TrimLog.parse(LINES);
        assertThat(log.records()).hasSize(4);
        TrimRecord first = log.records().get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-11-21T07:00:03Z"));
        assertThat(first.bytes()).isEqualTo(1L << 30);
        assertThat(first.duration()).isEqualTo(Duration.ofMillis(2417));
        assertThat(first.result()).isEqualTo(TrimResult.OK);
        assertThat(first.device()).isEqualTo("/dev/loop0");
        assertThat(first.reasonIfAny()).isEmpty();
        assertThat(log.problems()).extracting(TrimLog.Problem::toString).containsExactly(
                "line 4: not JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "line 7: field \"result\": unknown value \"exploded\"",
                "line 8: field \"ts\": missing or not a number");
    }

    @Test
    void lastPerMountIgnoresDryRunsAndLastSuccessSkipsRefusals() {
        TrimLog log = TrimLog.parse(LINES);
        assertThat(log.lastPerMount().get("/data").result()).isEqualTo(TrimResult.REFUSED);
        assertThat(log.lastPerMount().keySet()).containsExactly("/data", "/data-bind");
        assertThat(log.latest().successes().get("/data").time().getEpochSecond()).isEqualTo(1795244403L);
        assertThat(log.latest().successes()).doesNotContainKey("/data-bind");
        assertThat(log.latest().runs()).isEqualTo(log.lastPerMount());
    }

    @Test
    void aRunsOutputIsRecordsOnlyOrTheRunIsUnusable() {
        assertThat(TrimLog.parseRun("db-01", LINES.get(0) + "\n" + LINES.get(1) + "\n", 0, "")).hasSize(2);
        assertThatThrownBy(() -> TrimLog.parseRun("db-01", LINES.get(0) + "\n" + LINES.get(3) + "\n", 1,
                "\njts-fstrim: cannot lock\nmore\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("db-01: jts-fstrim --json output line 2: not JSON: ")
                .hasMessageEndingWith(" (exit 1, stderr: jts-fstrim: cannot lock)");
    }
}
