package jts.fleet.remote.trim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.remote.check.Severity;

/**
 * The one rule for how a mount's TRIM history is judged: {@code check}, the shell's {@code run-check trim-log}
 * ask it and only word the answer. Severities follow the alert rules ({@code JtsTrimFailed},
 * {@code JtsTrimOverdue}: both warning), the fleet's paging contract. Overdue means the last success is
 * strictly older than the tier's limit, as the alert's {@code > days * 86400}.
 *
 * @param concerns    every kind that holds, most telling first ({@code FAILED} before {@code OVERDUE}); a mount
 *                    with nothing recorded has never succeeded either; {@code [OK]} when nothing is wrong
 * @param lastRun     the latest run (dry runs excluded), absent when nothing is recorded
 * @param lastSuccess the latest successful run, absent when none
 * @param sinceSuccess how long ago the last success was, absent when none
 * @param limitDays   the tier's {@code trim_overdue_days}
 */
public record TrimVerdict(List<Kind> concerns, Optional<TrimRecord> lastRun,
                          Optional<TrimRecord> lastSuccess, Optional<Duration> sinceSuccess, int limitDays) {

    /** What is wrong with a mount's TRIM, if anything; each with its severity. */
    public enum Kind {
        NOTHING_RECORDED(Severity.WARNING),
        FAILED(Severity.WARNING),
        NEVER_SUCCEEDED(Severity.WARNING),
        OVERDUE(Severity.WARNING),
        OK(Severity.OK);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public TrimVerdict {
        concerns = List.copyOf(concerns);
        if (concerns.isEmpty()) {
            throw new IllegalArgumentException("a verdict holds at least one kind (OK when nothing is wrong)");
        }
    }

    /** Judges one mount from the latest records of a log ({@link TrimLog#latest()}, read once for all its mounts). */
    public static TrimVerdict judge(TrimLog.Latest latest, String mount, int limitDays, Instant now) {
        return judge(Optional.ofNullable(latest.runs().get(mount)), Optional.ofNullable(latest.successes().get(mount)),
                limitDays, now);
    }

    /**
     * @throws IllegalArgumentException when {@code limitDays} is below 1 (the schema allows 1..366) or a success is
     *                                  given without a last run (a success is a run)
     */
    public static TrimVerdict judge(Optional<TrimRecord> lastRun, Optional<TrimRecord> lastSuccess, int limitDays,
                                    Instant now) {
        if (limitDays < 1) {
            throw new IllegalArgumentException("trim_overdue_days must be at least 1, got " + limitDays);
        }
        if (lastRun.isEmpty() && lastSuccess.isPresent()) {
            throw new IllegalArgumentException("a last success (" + lastSuccess.get().time() + ") without a last run");
        }
        Optional<Duration> since = lastSuccess.map(s -> Duration.between(s.time(), now));
        List<Kind> concerns = new ArrayList<>();
        if (lastRun.isEmpty()) {
            concerns.add(Kind.NOTHING_RECORDED);
        } else if (lastRun.get().result() == TrimResult.FAILED) {
            concerns.add(Kind.FAILED);
        }
        if (since.isEmpty()) {
            concerns.add(Kind.NEVER_SUCCEEDED);
        } else if (since.get().compareTo(Duration.ofDays(limitDays)) > 0) {
            concerns.add(Kind.OVERDUE);
        }
        if (concerns.isEmpty()) {
            concerns.add(Kind.OK);
        }
        return new TrimVerdict(concerns, lastRun, lastSuccess, since, limitDays);
    }

    /** The headline: the first of {@link #concerns()}. */
    public Kind kind() {
        return concerns.get(0);
    }

    /** The headline's severity. */
    public Severity severity() {
        return kind().severity();
    }

    public boolean holds(Kind concern) {
        return concerns.contains(concern);
    }

    /** Why the last run did not trim, when it said. */
    public Optional<String> reason() {
        return lastRun.flatMap(TrimRecord::reasonIfAny);
    }
}
