package jts.fleet.controller.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a whole connect (TCP, the server's identification line, key exchange, authentication) by closing its
 * socket when the deadline passes. sshj's timeouts are per socket read: a server may send any number of text
 * lines before its {@code SSH-2.0-} banner (RFC 4253 4.2), and one that sends a line every 2 s keeps every read
 * inside its timeout forever; closing the socket ends the connect whatever sshj is waiting for. One daemon timer
 * thread serves every connect of the process.
 *
 * <p>Use: {@code try (Guard guard = ConnectWatchdog.arm(deadline)) { ... }} around the connect, with the socket
 * factory registering each socket it makes ({@link Guard#watch}); after a failure {@link Guard#fired()} says
 * whether the deadline caused it. {@link Guard#abort()} closes the socket now (the transport is being closed).
 */
final class ConnectWatchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jts-connect-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private ConnectWatchdog() {
    }

    /** Starts watching a connect that must be done within {@code deadline}. */
    static Guard arm(Duration deadline) {
        Guard guard = new Guard(deadline, System.nanoTime() + deadline.toNanos());
        guard.timer = TIMER.schedule(guard::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
        return guard;
    }

    /** The watch over one connect. */
    static final class Guard implements AutoCloseable {
        private final Duration deadline;
        private final long deadlineNanos; // System.nanoTime() when the deadline passes
        private ScheduledFuture<?> timer;
        private Closeable socket; // guarded by this
        private boolean fired; // guarded by this
        private boolean aborted; // guarded by this
        private boolean done; // guarded by this
        private boolean tcpConnectedWhenFired; // guarded by this
        private volatile String stage = "TCP connect";

        private Guard(Duration deadline, long deadlineNanos) {
            this.deadline = deadline;
            this.deadlineNanos = deadlineNanos;
        }

        /**
         * Takes charge of {@code created}, what carries the connection (a socket; for a connection through a jump
         * host, its channel): closed at the deadline, at once when that has passed already.
         */
        synchronized void watch(Closeable created) {
            socket = created;
            if ((fired || aborted) && !done) {
                closeQuietly(created);
            }
        }

        /** What the connect is doing now, for the message when the deadline passes. */
        void stage(String what) {
            stage = what;
        }

        private void expire() {
            synchronized (this) {
                if (done) {
                    return;
                }
                markFired();
            }
            closeSocket();
        }

        private void markFired() { // guarded by this
            fired = true;
            tcpConnectedWhenFired = socket != null && (!(socket instanceof Socket tcp) || tcp.isConnected());
        }

        /** Closes the socket now: the connect fails at once (the transport is being closed). */
        void abort() {
            synchronized (this) {
                if (done) {
                    return;
                }
                aborted = true;
            }
            closeSocket();
        }

        private void closeSocket() {
            Closeable current;
            synchronized (this) {
                current = socket;
            }
            if (current != null) {
                closeQuietly(current);
            }
        }

        /** True when the deadline passed before the connect finished (then it is why the connect failed). */
        synchronized boolean fired() {
            return fired;
        }

        /** True when {@link #abort()} ended the connect. */
        synchronized boolean aborted() {
            return aborted;
        }

        /** True when the TCP connection was up when the deadline passed (the SSH part was too slow). */
        synchronized boolean tcpConnectedWhenFired() {
            return tcpConnectedWhenFired;
        }

        Duration deadline() {
            return deadline;
        }

        /** What was being waited for, e.g. {@code "SSH banner and key exchange"}. */
        String stage() {
            return stage;
        }

        /**
         * The connect finished (either way): the socket now belongs to the connection. Finished at or past the
         * deadline counts as {@link #fired()} even when the timer thread has not run yet: under load a socket read
         * timeout of the same length can end the connect first, and its failure is still the deadline's.
         */
        @Override
        public void close() {
            synchronized (this) {
                if (!done && !fired && System.nanoTime() - deadlineNanos >= 0) {
                    markFired();
                }
                done = true;
            }
            timer.cancel(false);
        }

        private static void closeQuietly(Closeable socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
