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
    /** Thresholds of a tier that sets none (those of a SATA/warm tier: loose enough not to page on flash). */
    public static final Thresholds DEFAULTS = new Thresholds(10, 50, 20, 100, 50, 200, 10, 50, 10, 80, 90);
}
