package jts.fleet.controller.transport;

import java.time.Duration;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;

/**
 * The one SSH connection behind a host's {@link SshTransport}: opened on first use (through the host's jump
 * hosts, see {@link SshRun#connect}, under a {@link ConnectWatchdog} that {@link #stopConnecting()} can set off at
 * once), reused while alive and replaced when found dead, because a disconnected sshj client cannot be reused.
 * Never waits behind a connect or a running command to close: {@link #close()} gives sshj's orderly disconnect
 * {@link #CLOSE_WAIT}, then closes the socket under it.
 */
final class HostConnection {
    /** How long {@link #close()} waits for sshj's orderly disconnect before it closes the socket itself. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final HostSpec host;
    private final SshRun run;
    private final SshOptions options;
    private final Object lock = new Object();
    // Written under lock, read without it: isConnected() must not wait behind a slow connect.
    private volatile SshConnection connection;
    private volatile int connects;
    // Set without lock: close() must never wait behind a connect in progress.
    private volatile boolean closed;
    /** The watch over the connect in progress, if any: stopConnecting() aborts it. */
    private volatile ConnectWatchdog.Guard connecting;
    private volatile String recordedHostKey;

    HostConnection(HostSpec host, SshRun run, SshOptions options) {
        this.host = host;
        this.run = run;
        this.options = options;
    }

    /** The live connection, or a new one. */
    SshConnection live() throws TransportException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(host.name() + ": transport is closed");
            }
            if (connection != null && connection.alive()) {
                return connection;
            }
            if (connection != null) {
                disconnectInBackground(connection);
                connection = null;
            }
            SshConnection fresh;
            try {
                fresh = run.connect(host, options, guard -> {
                    connecting = guard;
                    if (closed) {
                        guard.abort();
                    }
                });
            } finally {
                connecting = null;
            }
            if (closed) {
                // close() ran while we connected: this connection is nobody's
                disconnectInBackground(fresh);
                throw new IllegalStateException(host.name() + ": transport is closed");
            }
            fresh.recorded().ifPresent(line -> recordedHostKey = line);
            connection = fresh;
            connects++;
            return connection;
        }
    }

    /** Drops {@code stale} (if it is still the current connection): the next {@link #live()} connects anew. */
    void discard(SshConnection stale) {
        synchronized (lock) {
            if (connection == stale) {
                connection = null;
            }
        }
        disconnectInBackground(stale);
    }

    boolean isConnected() {
        SshConnection current = connection;
        return current != null && current.alive();
    }

    /** How often a dead connection was replaced by a new one (0 while the first connection lives). */
    int reconnectCount() {
        return Math.max(0, connects - 1);
    }

    /** What accept-new recorded for this host's key while connecting, if anything. */
    Optional<String> recordedHostKey() {
        return Optional.ofNullable(recordedHostKey);
    }

    /** From now on no connect starts, and the one in progress fails at once. */
    void stopConnecting() {
        closed = true;
        ConnectWatchdog.Guard inFlight = connecting;
        if (inFlight != null) {
            inFlight.abort(); // the thread in live() fails at once and sees `closed`
        }
    }

    /** {@link #stopConnecting()}, then the live connection's disconnect, given {@link #CLOSE_WAIT}. */
    void close() {
        stopConnecting();
        SshConnection toClose = connection;
        connection = null;
        if (toClose == null) {
            return;
        }
        // sshj's orderly disconnect can block behind a channel whose command still runs, or a peer that
        // stopped reading: past the wait the socket is closed under it
        Thread closer = Quietly.inBackground(host.name() + "-close", () -> Quietly.close(toClose));
        try {
            closer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            toClose.cut();
        }
    }

    private void disconnectInBackground(SshConnection stale) {
        Quietly.inBackground(host.name() + "-disconnect", () -> Quietly.close(stale));
    }
}
