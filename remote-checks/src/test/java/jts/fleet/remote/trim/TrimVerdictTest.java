package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.check.Severity;
import jts.fleet.remote.trim.TrimVerdict.Kind;

class TrimVerdictTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final int LIMIT = 7;

    private static TrimRecord run(Instant time, TrimResult result, String reason) {
        return new TrimRecord(time, "db-01", "/data", "/dev/loop0", "7:0", result == TrimResult.OK ? 4096 : 0,
                Duration.ofSeconds(1), result, reason, false);
    }

    private static TrimRecord ok(Duration ago) {
        return run(NOW.minus(ago), TrimResult.OK, "");
    }

    private static TrimVerdict judge(TrimRecord lastRun, TrimRecord lastSuccess) {
        return TrimVerdict.judge(Optional.ofNullable(lastRun), Optional.ofNullable(lastSuccess), LIMIT, NOW);
    }

    @Test
    void aRecentSuccessIsOkWithItsAgeAndBytes() {
        TrimRecord success = ok(Duration.ofHours(5));
        TrimVerdict v = judge(success, success);
        assertThat(v.kind()).isEqualTo(Kind.OK);
        assertThat(v.concerns()).containsExactly(Kind.OK);
        assertThat(v.severity()).isEqualTo(Severity.OK);
        assertThat(v.sinceSuccess()).contains(Duration.ofHours(5));
        assertThat(v.lastSuccess().orElseThrow().bytes()).isEqualTo(4096);
        assertThat(v.limitDays()).isEqualTo(LIMIT);
    }

    @Test
    void nothingRecordedIsAWarningAndCountsAsNeverSucceeded() {
        TrimVerdict v = judge(null, null);
        assertThat(v.kind()).isEqualTo(Kind.NOTHING_RECORDED);
        assertThat(v.concerns()).containsExactly(Kind.NOTHING_RECORDED, Kind.NEVER_SUCCEEDED);
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(v.sinceSuccess()).isEmpty();
    }

    @Test
    void runsWithoutAnySuccessAreNeverSucceededWithTheLastReason() {
        TrimVerdict v = judge(run(NOW.minusSeconds(60), TrimResult.REFUSED, "inside blackout window"), null);
        assertThat(v.kind()).isEqualTo(Kind.NEVER_SUCCEEDED);
        assertThat(v.concerns()).containsExactly(Kind.NEVER_SUCCEEDED);
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(v.reason()).contains("inside blackout window");
    }

    @Test
    void aFailedRunWithoutAnySuccessIsFailedFirstThenNeverSucceeded() {
        TrimVerdict v = judge(run(NOW.minusSeconds(60), TrimResult.FAILED, "FITRIM: Input/output error"), null);
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.concerns()).containsExactly(Kind.FAILED, Kind.NEVER_SUCCEEDED);
    }

    @Test
    void aFailureAfterARecentSuccessIsAFailedWarningNotOverdue() {
        TrimVerdict v = judge(run(NOW.minusSeconds(60), TrimResult.FAILED, "EIO"), ok(Duration.ofDays(1)));
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.concerns()).containsExactly(Kind.FAILED);
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(v.reason()).contains("EIO");
        assertThat(v.sinceSuccess()).contains(Duration.ofDays(1));
    }

    @Test
    void aFailureAfterAnOldSuccessIsFailedAndOverdue() {
        TrimVerdict v = judge(run(NOW.minusSeconds(60), TrimResult.FAILED, "EIO"), ok(Duration.ofDays(10)));
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.concerns()).containsExactly(Kind.FAILED, Kind.OVERDUE);
    }

    @Test
    void aSuccessOlderThanTheLimitIsOverdueAtWarningAsTheAlertRule() {
        TrimRecord success = ok(Duration.ofDays(LIMIT).plusSeconds(1));
        TrimVerdict v = judge(success, success);
        assertThat(v.kind()).isEqualTo(Kind.OVERDUE);
        assertThat(v.concerns()).containsExactly(Kind.OVERDUE);
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aSuccessExactlyAtTheLimitIsNotYetOverdue() {
        // the alert rule fires on "> days * 86400": the limit itself is still in time
        TrimRecord success = ok(Duration.ofDays(LIMIT));
        assertThat(judge(success, success).kind()).isEqualTo(Kind.OK);
    }

    @Test
    void aSkippedRunAfterAnOldSuccessIsOverdueNotFailed() {
        TrimVerdict v = judge(run(NOW.minusSeconds(60), TrimResult.SKIPPED, "not mounted"), ok(Duration.ofDays(30)));
        assertThat(v.concerns()).containsExactly(Kind.OVERDUE);
    }

    @Test
    void judgesAMountFromTheLogIgnoringOtherMountsAndDryRuns() {
        TrimLog log = TrimLog.parse(String.join("\n",
                "{\"ts\":" + NOW.minus(Duration.ofDays(9)).getEpochSecond()
                        + ",\"host\":\"db-01\",\"mount\":\"/data\",\"bytes\":10,\"duration_s\":1,\"result\":\"ok\"}",
                "{\"ts\":" + NOW.minus(Duration.ofDays(1)).getEpochSecond()
                        + ",\"host\":\"db-01\",\"mount\":\"/data\",\"bytes\":0,\"duration_s\":0,\"result\":\"failed\","
                        + "\"reason\":\"EIO\"}",
                "{\"ts\":" + NOW.getEpochSecond() + ",\"host\":\"db-01\",\"mount\":\"/data\",\"bytes\":0,"
                        + "\"duration_s\":0,\"result\":\"skipped\",\"reason\":\"dry run\",\"dry_run\":true}",
                "{\"ts\":" + NOW.getEpochSecond()
                        + ",\"host\":\"db-01\",\"mount\":\"/other\",\"bytes\":5,\"duration_s\":1,\"result\":\"ok\"}"));
        TrimVerdict data = TrimVerdict.judge(log.latest(), "/data", LIMIT, NOW);
        assertThat(data.concerns()).containsExactly(Kind.FAILED, Kind.OVERDUE);
        assertThat(data.sinceSuccess()).contains(Duration.ofDays(9));
        assertThat(TrimVerdict.judge(log.latest(), "/absent", LIMIT, NOW).kind()).isEqualTo(Kind.NOTHING_RECORDED);
    }

    @Test
    void rejectsALimitBelowOneDayAndASuccessWithoutARun() {
        assertThatThrownBy(() -> TrimVerdict.judge(Optional.empty(), Optional.empty(), 0, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> judge(null, ok(Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a last run");
    }
}
