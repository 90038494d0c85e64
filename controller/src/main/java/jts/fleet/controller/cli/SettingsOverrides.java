package jts.fleet.controller.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.inventory.Defaults;

/**
 * The deadlines and output caps a command line gave (each may be absent). A command's own options win over
 * the shell's (when it runs in the shell), which win over the inventory's {@code defaults:}, which win over the
 * built-in values: {@link #over} and {@link #resolve} apply that order, in one place.
 */
public record SettingsOverrides(Optional<Duration> connectTimeout, Optional<Duration> commandTimeout,
                                Optional<Duration> runTimeout, Optional<Long> maxOutput,
                                Optional<Long> maxDocumentOutput) {
    public static final SettingsOverrides NONE = new SettingsOverrides(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /** These values, each missing one taken from {@code fallback}. */
    public SettingsOverrides over(SettingsOverrides fallback) {
        return new SettingsOverrides(or(connectTimeout, fallback.connectTimeout()),
                or(commandTimeout, fallback.commandTimeout()), or(runTimeout, fallback.runTimeout()),
                or(maxOutput, fallback.maxOutput()), or(maxDocumentOutput, fallback.maxDocumentOutput()));
    }

    /**
     * {@code value}, else {@code fallback}: {@code Optional.or} without a lambda, whose first use is ~60 µs of a
     * one-shot run (every fleet command resolves its settings once).
     */
    private static <T> Optional<T> or(Optional<T> value, Optional<T> fallback) {
        return value.isPresent() ? value : fallback;
    }

    /**
     * The settings of one command: these values over the inventory's {@code defaults} over the built-in ones.
     *
     * @throws UsageException when a cap is below {@link OutputLimits#MINIMUM_BYTES}
     */
    public RunSettings resolve(Defaults defaults, Clock clock) throws UsageException {
        positive("--connect-timeout", connectTimeout);
        positive("--timeout", commandTimeout);
        positive("--run-timeout", runTimeout);
        Optional<Duration> run = or(runTimeout, defaults.runTimeout());
        long read = or(maxOutput, defaults.maxOutput()).orElse(OutputLimits.DEFAULT_READ_BYTES);
        long document = or(maxDocumentOutput, defaults.maxDocumentOutput())
                .orElse(Math.max(read, OutputLimits.DEFAULT_DOCUMENT_BYTES));
        OutputLimits limits;
        try {
            limits = new OutputLimits(read, document);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-output/--max-document: " + e.getMessage());
        }
        try {
            RunSettings settings = new RunSettings(connectTimeout.orElse(defaults.connectTimeout()),
                    commandTimeout.orElse(defaults.commandTimeout()), RunSettings.DEFAULT_RUN_TIMEOUT, false, clock,
                    limits);
            return run.isPresent() ? settings.withRunTimeout(run.get()) : settings;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--connect-timeout/--timeout/--run-timeout: " + e.getMessage());
        }
    }

    private static void positive(String option, Optional<Duration> value) throws UsageException {
        if (value.isPresent() && (value.get().isZero() || value.get().isNegative())) {
            throw new UsageException(option + " " + jts.fleet.inventory.DurationParser.format(value.get())
                    + ": a deadline must be above zero");
        }
    }
}
