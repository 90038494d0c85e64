package jts.fleet.inventory;

/**
 * Per-tier latency SLOs used by {@code check}, {@code watch} and the rendered alert rules. Milliseconds;
 * {@code warn} below {@code crit}. {@code trimOverdueDays} is how old the last successful TRIM may get.
 */
public record Thresholds(
        double readAwaitWarnMs, double readAwaitCritMs,
        double writeAwaitWarnMs, double writeAwaitCritMs,
        double flushAwaitWarnMs, double flushAwaitCritMs,
        double canaryP99WarnMs, double canaryP99CritMs,
        int trimOverdueDays,
        double filesystemFullWarnPct, double filesystemFullCritPct) {
}
