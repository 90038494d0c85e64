package jts.fleet.controller.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.controller.transport.SshOptions;

/**
 * The deadlines, the clock and the output caps of one command, decided once (command line over the
 * inventory's {@code defaults:} over the shell's session over the built-in values) and handed to every engine:
 * no engine invents its own 60 s.
 *
 * @param connectTimeout     TCP connect, SSH banner, key exchange and authentication of one host together
 * @param commandTimeout     one remote command, counted from the moment it has a channel
 * @param runTimeout         the whole run: every host unresolved then is reported as {@code timeout}
 * @param runTimeoutExplicit false when {@code runTimeout} is only the built-in default: commands whose length
 *                           follows from their request (bench, experiment) compute their own instead
 * @param clock              wall time (blackout windows, run ids, ages of records)
 * @param output             how much one command may send back
 */
public record RunSettings(Duration connectTimeout, Duration commandTimeout, Duration runTimeout,
                          boolean runTimeoutExplicit, Clock clock, OutputLimits output) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    public RunSettings {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(commandTimeout, "command timeout");
        requirePositive(runTimeout, "run timeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(output, "output");
    }

    /** The built-in values with {@code clock}. */
    public static RunSettings defaults(Clock clock) {
        return new RunSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_RUN_TIMEOUT, false, clock,
                OutputLimits.DEFAULT);
    }

    /** The run deadline the user asked for, else {@code computed} (for commands whose length follows from their request). */
    public Duration runTimeoutOr(Supplier<Duration> computed) {
        return runTimeoutExplicit ? runTimeout : computed.get();
    }

    public RunSettings withCommandTimeout(Duration value) {
        return new RunSettings(connectTimeout, value, runTimeout, runTimeoutExplicit, clock, output);
    }

    /** An explicit run deadline (one the user gave). */
    public RunSettings withRunTimeout(Duration value) {
        return new RunSettings(connectTimeout, commandTimeout, value, true, clock, output);
    }

    /** {@code base} (keepalive, host keys) with this command's connect deadline, output caps and clock. */
    public SshOptions applyTo(SshOptions base) {
        return base.withConnectTimeout(connectTimeout).withOutputLimits(output).withClock(clock);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
