package jts.fleet.controller.cli.tuning;

import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.UsageException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --serial}, {@code --max-fail}, {@code --dry-run} and {@code --force} of the commands that change hosts in
 * batches (apply, rollback; {@link RolloutCommand}).
 */
public final class Rollout {
    @Option(names = "--serial", paramLabel = "N|N%", defaultValue = "100%",
            description = "Hosts per batch, a number or a percentage of the selection (default: ${DEFAULT-VALUE}).")
    String serial = "100%";

    @Option(names = "--max-fail", paramLabel = "N%", defaultValue = "0%",
            description = "Stop before the next batch when more than this share of a batch failed (default: ${DEFAULT-VALUE}).")
    String maxFail = "0%";

    @Option(names = "--dry-run", description = "Show what would change; change nothing (allowed inside a blackout window).")
    boolean dryRun;

    @Mixin
    FreezeOverride override;

    /** Checked before any host is touched: a typo is a usage error (exit 2), not a failed rollout. */
    String serial() throws UsageException {
        try {
            jts.fleet.controller.fleet.BatchSpec.parse(serial);
            return serial;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--serial " + serial + ": " + e.getMessage());
        }
    }

    int maxFailPercent() throws UsageException {
        String value = maxFail.endsWith("%") ? maxFail.substring(0, maxFail.length() - 1) : maxFail;
        try {
            int percent = Integer.parseInt(value.strip());
            if (percent < 0 || percent > 100) {
                throw new UsageException("--max-fail " + maxFail + ": must be 0%..100%");
            }
            return percent;
        } catch (NumberFormatException e) {
            throw new UsageException("--max-fail " + maxFail + ": expected a percentage such as 20%");
        }
    }
}
