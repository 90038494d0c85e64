package jts.fleet.controller.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The session channels of one {@link HostConnection}: at most {@link SshTransport#MAX_CHANNELS} at once, below
 * OpenSSH's MaxSessions 10 (a permit per channel, waiting for one bounded by a deadline), and the opening of a
 * session, retried briefly when refused and on a new connection when the old one turns out dead.
 *
 * <p>A refused channel never costs the connection (other commands run on it). sshd frees a closed session only
 * in its next main-loop pass, so an open that follows our close in the same TCP segment can still count against
 * MaxSessions: with 8 channels busy and OpenSSH's default of 10, {@code SshTransportIT} saw such refusals under
 * churn. A host whose MaxSessions is really below ours keeps refusing and gets a clear error.
 */
final class ChannelGate {
    /** Tries for one channel: 0, 100, 200, 400, 800 ms apart (1.5 s in all). */
    private static final int OPEN_ATTEMPTS = 5;

    private final String hostName;
    private final HostConnection connection;
    private final BooleanSupplier dropIdleResident;
    private final Semaphore permits = new Semaphore(SshTransport.MAX_CHANNELS, true);

    /**
     * @param dropIdleResident gives up the resident reader's channel for good when the host keeps refusing
     *                         channels (true when it did)
     */
    ChannelGate(String hostName, HostConnection connection, BooleanSupplier dropIdleResident) {
        this.hostName = hostName;
        this.connection = connection;
        this.dropIdleResident = dropIdleResident;
    }

    /** Takes a channel permit, waiting at most {@code wait} for one. */
    void acquire(Duration wait) throws TransportException {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransportException(FailureClass.TIMEOUT, hostName + ": all " + SshTransport.MAX_CHANNELS
                        + " channels stayed busy for " + wait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    /** Takes a channel permit if one is free now. */
    boolean tryAcquire() {
        return permits.tryAcquire();
    }

    void release() {
        permits.release();
    }

    /**
     * A session on a live connection (the caller holds a permit); a connection found dead is replaced once,
     * before anything ran on it.
     */
    Session open() throws TransportException {
        OpenFailException refused;
        try {
            return openRetrying(attempt -> attempt == 0 ? 0 : 50L << attempt);
        } catch (OpenFailException e) {
            refused = e;
        }
        // The resident reader holds a channel for good: on a host whose MaxSessions leaves no room beside it,
        // give it up (for the life of this transport) rather than every plain command.
        if (dropIdleResident.getAsBoolean()) {
            try {
                return openRetrying(attempt -> 100); // sshd frees the reader's session once its sh has exited
            } catch (OpenFailException e) {
                refused = e;
            }
        }
        throw new TransportException(FailureClass.COMMAND, hostName + ": host refused a session channel ("
                + refused.getMessage() + "); is its sshd MaxSessions below " + SshTransport.MAX_CHANNELS + "?",
                refused);
    }

    /** Up to {@link #OPEN_ATTEMPTS} opens, {@code pause(attempt)} ms before each; the last refusal if all failed. */
    private Session openRetrying(LongUnaryOperator pause) throws TransportException, OpenFailException {
        OpenFailException refused = null;
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            try {
                // no sleep before the first try, as before the split: an interrupted caller still tries its channel
                long millis = pause.applyAsLong(attempt);
                if (millis > 0) {
                    Thread.sleep(millis);
                }
                return openOnce();
            } catch (OpenFailException e) {
                refused = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
        }
        throw refused;
    }

    /** A session on the live connection; one found dead is discarded and replaced once, before anything ran on it. */
    private Session openOnce() throws TransportException, OpenFailException {
        for (boolean replaced = false; ; replaced = true) {
            SshConnection current = connection.live();
            try {
                return current.client().startSession();
            } catch (OpenFailException refused) {
                throw refused;
            } catch (IOException e) {
                if (interruption(e)) {
                    // the caller was interrupted while sshj waited for the channel: the connection itself is fine
                    Thread.currentThread().interrupt();
                    throw interrupted(e);
                }
                connection.discard(current);
                if (replaced) {
                    throw new TransportException(FailureClass.UNREACHABLE,
                            hostName + ": cannot open a session channel: " + e.getMessage(), e);
                }
            }
        }
    }

    private TransportException interrupted(Exception cause) {
        return new TransportException(FailureClass.TIMEOUT, hostName + ": interrupted", cause);
    }

    /** True when {@code failure} is sshj's way of saying its wait was interrupted (it clears the flag). */
    private static boolean interruption(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || (cause instanceof java.io.InterruptedIOException
                    && !(cause instanceof java.net.SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }
}
