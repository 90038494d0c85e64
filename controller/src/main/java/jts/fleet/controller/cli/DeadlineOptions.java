package jts.fleet.controller.cli;

import java.time.Duration;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * {@code --connect-timeout}, {@code --timeout}, {@code --run-timeout}, {@code --max-output} and
 * {@code --max-document}: the same options on every fleet command and on {@code shell} (where they become the
 * session's defaults). Absent ones fall back, see {@link SettingsOverrides}.
 */
public final class DeadlineOptions {
    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "TCP connect + SSH banner + key exchange + authentication deadline (default: the"
                    + " inventory's connect_timeout, 10s).")
    Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of one remote command (default: the inventory's command_timeout, 60s).")
    Duration commandTimeout;

    @Option(names = "--run-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of the whole run: hosts not done by then are reported as timeout (default: the"
                    + " inventory's run_timeout, 30m; bench and experiment: what their request needs).")
    Duration runTimeout;

    @Option(names = "--max-output", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Most one remote command may print per stream; past it the command is stopped and the"
                    + " host fails with output_limit (default: the inventory's max_output, 4m).")
    Long maxOutput;

    @Option(names = "--max-document", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "The same for benchmark documents (default: the inventory's max_document_output, 64m).")
    Long maxDocumentOutput;

    /** What was given; absent values fall back. */
    public SettingsOverrides overrides() {
        return new SettingsOverrides(Optional.ofNullable(connectTimeout), Optional.ofNullable(commandTimeout),
                Optional.ofNullable(runTimeout), Optional.ofNullable(maxOutput), Optional.ofNullable(maxDocumentOutput));
    }

    /** The connect deadline when one was given. */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }
}
