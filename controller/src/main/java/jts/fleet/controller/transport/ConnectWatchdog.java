package jts.fleet.controller.transport;

import java.io.Closeable;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jts.fleet.controller.transport.auth.ConnectDeadline;

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
 * Authentication sees the guard as its {@link ConnectDeadline}: the ssh-agent connection is closed with the socket,
 * and the time the operator takes to type a passphrase is not counted.
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
        synchronized (guard) {
            guard.timer = TIMER.schedule(guard::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        return guard;
    }

    /** The watch over one connect. */
    static final class Guard implements AutoCloseable, ConnectDeadline {
        private final Duration deadline;
        private long deadlineNanos; // guarded by this: System.nanoTime() when the deadline passes
        private long leftWhenPaused; // guarded by this
        private int pauses; // guarded by this: nested pause() calls not resumed yet
        private ScheduledFuture<?> timer; // guarded by this
        private Closeable socket; // guarded by this
        private final List<Closeable> others = new ArrayList<>(); // guarded by this
        private boolean fired; // guarded by this
        private boolean aborted; // guarded by this
        private boolean done; // guarded by this
        private boolean tcpConnectedWhenFired; // guarded by this
        private volatile String stage = "TCP connect";
        private volatile String hint = ConnectDeadline.SERVER_HINT;

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
                Quietly.close(created);
            }
        }

        /** What the connect is doing now, for the message when the deadline passes. */
        void stage(String what) {
            waitingFor(what, ConnectDeadline.SERVER_HINT);
        }

        @Override
        public void waitingFor(String what, String hint) {
            synchronized (this) {
                if (fired || aborted) {
                    return; // what was waited for when the deadline passed is what the message names
                }
                stage = what;
                this.hint = hint;
            }
        }

        @Override
        public void closeAtDeadline(Closeable resource) {
            synchronized (this) {
                if (done) {
                    return; // the caller closes it
                }
                if (!fired && !aborted) {
                    others.add(resource);
                    return;
                }
            }
            Quietly.close(resource);
        }

        @Override
        public synchronized void pause() {
            if (pauses++ > 0 || done || fired || aborted) {
                return;
            }
            timer.cancel(false);
            leftWhenPaused = Math.max(0, deadlineNanos - System.nanoTime());
        }

        @Override
        public synchronized void resume() {
            if (pauses == 0 || --pauses > 0 || done || fired || aborted) {
                return;
            }
            deadlineNanos = System.nanoTime() + leftWhenPaused;
            timer = TIMER.schedule(this::expire, leftWhenPaused, TimeUnit.NANOSECONDS);
        }

        private void expire() {
            synchronized (this) {
                if (done || pauses > 0) {
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
            List<Closeable> current = new ArrayList<>();
            synchronized (this) {
                if (socket != null) {
                    current.add(socket);
                }
                current.addAll(others);
            }
            current.forEach(Quietly::close);
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

        /** What the operator might check, given what was waited for. */
        String hint() {
            return hint;
        }

        /**
         * The connect finished (either way): the socket now belongs to the connection. Finished at or past the
         * deadline counts as {@link #fired()} even when the timer thread has not run yet: under load a socket read
         * timeout of the same length can end the connect first, and its failure is still the deadline's.
         */
        @Override
        public void close() {
            synchronized (this) {
                if (!done && !fired && pauses == 0 && System.nanoTime() - deadlineNanos >= 0) {
                    markFired();
                }
                done = true;
                others.clear();
                timer.cancel(false);
            }
        }
    }
}
