package jts.fleet.controller.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings shared by all hosts of one run (the CLI fills them from its options). A host's own
 * ssh_config values ({@link jts.fleet.inventory.SshAccess}) come between: {@code ConnectTimeout} and
 * {@code ServerAliveInterval} replace the run's defaults unless the command line set them, and
 * {@code StrictHostKeyChecking accept-new} turns on accept-new for that host.
 *
 * @param connectTimeout         TCP connect plus key exchange plus authentication must finish within this
 * @param keepAliveInterval      keepalive@openssh.com every interval; the connection is declared dead after
 *                               {@link #KEEPALIVE_MAX_MISSES} unanswered requests
 * @param acceptNewHostKeys      record unknown host keys (OpenSSH {@code accept-new}); changed keys stay refused
 * @param outputLimits           how much a command may send back (a read; {@code Transport.exec} with a limit of
 *                               its own for more)
 * @param connectTimeoutExplicit true when {@code connectTimeout} was given on the command line: it then wins over
 *                               a host's {@code ConnectTimeout}
 * @param clock                  wall time, for the validity windows of host and user certificates (the
 *                               command's, from its settings)
 */
public record SshOptions(
        Duration connectTimeout,
        Duration keepAliveInterval,
        boolean acceptNewHostKeys,
        OutputLimits outputLimits,
        boolean connectTimeoutExplicit,
        Clock clock) {

    /** Unanswered keepalives before the peer is declared dead. */
    public static final int KEEPALIVE_MAX_MISSES = 3;

    public SshOptions {
        Objects.requireNonNull(outputLimits, "outputLimits");
        Objects.requireNonNull(clock, "clock");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAliveInterval, "keepAliveInterval");
    }

    /** 10 s connect, keepalive every 15 s, strict host keys, the default output caps, UTC. */
    public static SshOptions defaults() {
        return new SshOptions(Duration.ofSeconds(10), Duration.ofSeconds(15), false, OutputLimits.DEFAULT, false,
                Clock.systemUTC());
    }

    /** A default connect timeout, which a host's {@code ConnectTimeout} replaces. */
    public SshOptions withConnectTimeout(Duration value) {
        return new SshOptions(value, keepAliveInterval, acceptNewHostKeys, outputLimits, false, clock);
    }

    /** The command line's connect timeout: it wins over every host's {@code ConnectTimeout}. */
    public SshOptions withExplicitConnectTimeout(Duration value) {
        return new SshOptions(value, keepAliveInterval, acceptNewHostKeys, outputLimits, true, clock);
    }

    public SshOptions withKeepAliveInterval(Duration value) {
        return new SshOptions(connectTimeout, value, acceptNewHostKeys, outputLimits, connectTimeoutExplicit, clock);
    }

    public SshOptions withAcceptNewHostKeys(boolean value) {
        return new SshOptions(connectTimeout, keepAliveInterval, value, outputLimits, connectTimeoutExplicit, clock);
    }

    public SshOptions withOutputLimits(OutputLimits value) {
        return new SshOptions(connectTimeout, keepAliveInterval, acceptNewHostKeys, value, connectTimeoutExplicit,
                clock);
    }

    public SshOptions withClock(Clock value) {
        return new SshOptions(connectTimeout, keepAliveInterval, acceptNewHostKeys, outputLimits, connectTimeoutExplicit,
                value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
