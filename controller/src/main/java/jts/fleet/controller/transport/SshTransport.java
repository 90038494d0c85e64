package jts.fleet.controller.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jts.fleet.inventory.HostSpec;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * One SSH connection (sshj) to one host, opened lazily on the first exec and reused for every later one;
 * each exec is its own session channel. A connection that died (keepalive misses, sshd restart, network) is
 * replaced on the next exec, because a disconnected {@link SSHClient} cannot be reused.
 *
 * <p>Every step has a deadline: the whole connect, TCP, the server's banner, key exchange and authentication
 * together ({@link SshOptions#connectTimeout()}, kept by a {@link ConnectWatchdog} that closes the socket, since
 * sshj's own timeouts are per read), channel requests (connection timeout, same value) and the command itself
 * (the exec timeout, enforced on the host by {@code timeout -k 5} and here by a join with a deadline). At most
 * {@link #MAX_CHANNELS} commands run at once, below OpenSSH's MaxSessions 10. {@link #close()} never waits behind
 * a connect or a running command for more than {@link #CLOSE_WAIT}.
 */
public final class SshTransport implements Transport {
    /** Concurrent channels per connection; OpenSSH refuses the 11th by default. */
    public static final int MAX_CHANNELS = 8;

    /** Resident readers that may break in a row before a transport stops starting them. */
    private static final int RESIDENT_MAX_FAILURES = 3;

    /** Tries for one channel: 0, 100, 200, 400, 800 ms apart (1.5 s in all). */
    private static final int CHANNEL_OPEN_ATTEMPTS = 5;

    /**
     * Time past the command timeout before we give up on the channel. The host-side {@code timeout} fires
     * first and its exit status 124 is the normal way a timeout is reported.
     */
    private static final Duration GRACE = Duration.ofSeconds(1);

    /** How long {@link #close()} waits for sshj's orderly disconnect before it closes the socket itself. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3),
            Map.entry(Signal.ILL, 4), Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8),
            Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10), Map.entry(Signal.SEGV, 11),
            Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    private final HostSpec host;
    private final SshRun run;
    private final SshOptions options;
    private final boolean ownsRun;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    private final Object connectionLock = new Object();
    // Written under connectionLock, read without it: isConnected() must not wait behind a slow connect.
    private volatile SshConnection connection;
    private volatile int connects;
    // Set without connectionLock: close() must never wait behind a connect in progress.
    private volatile boolean closed;
    /** The watch over the connect in progress, if any: close() aborts it. */
    private volatile ConnectWatchdog.Guard connecting;
    private volatile Duration lastLatency = Duration.ZERO;
    private volatile String recordedHostKey;
    private volatile List<String> residentScripts = List.of();
    private final ReentrantLock residentLock = new ReentrantLock();
    // Written under residentLock; read without it only by close().
    private volatile ResidentShell resident;
    private int residentFailures; // guarded by residentLock: readers that broke in a row

    /** A transport with a run of its own (no shared jump host connections, no operator to notify or ask). */
    public SshTransport(HostSpec host, SshOptions options) {
        this(host, new SshRun(options, Operator.none()), options, true);
    }

    /** A transport sharing {@code run} (its key ring, jump host connections and operator), with its options. */
    public SshTransport(HostSpec host, SshRun run) {
        this(host, run, run.options(), false);
    }

    /**
     * A transport sharing {@code run} (its key ring, jump host connections and operator) with other hosts, and
     * connecting with {@code options} (a command's may differ from the run's).
     */
    public SshTransport(HostSpec host, SshRun run, SshOptions options) {
        this(host, run, options, false);
    }

    private SshTransport(HostSpec host, SshRun run, SshOptions options, boolean ownsRun) {
        if (host.connection() != HostSpec.Connection.SSH) {
            throw new IllegalArgumentException(host.name() + ": not an ssh host (connection "
                    + host.connection() + ")");
        }
        this.host = host;
        this.run = run;
        this.options = options;
        this.ownsRun = ownsRun;
    }

    /** Connects now instead of on the first exec (e.g. to report reachability before any work). */
    public void connect() throws TransportException {
        connectedClient();
    }

    /**
     * The sentence to show when accept-new recorded this host's key (like OpenSSH's "Permanently added"),
     * e.g. {@code db-01: recorded new host key ssh-ed25519 SHA256:... for [10.0.0.1]:2222 in ~/.ssh/known_hosts}.
     */
    public Optional<String> recordedHostKey() {
        return Optional.ofNullable(recordedHostKey);
    }

    /**
     * Lets this transport run {@code scripts} through a resident reader ({@link ResidentShell}) instead of a
     * session per command, for as long as the transport lives. For read-only scripts that a session repeats
     * (the shell's status and watch): only calls without stdin and without sudo take that way,
     * one at a time; everything else, and every call while the reader is busy or broken, is a plain command.
     * The reader starts with the first such call and holds one of the {@link #MAX_CHANNELS} channels.
     */
    public void keepResident(List<String> scripts) {
        this.residentScripts = List.copyOf(scripts);
    }

    /** True while a resident reader is running on the host. */
    public boolean residentRunning() {
        ResidentShell current = resident;
        return current != null && current.usable();
    }

    /** How often a dead connection was replaced by a new one (0 while the first connection lives). */
    public int reconnectCount() {
        return Math.max(0, connects - 1);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        return exec(script, args, stdin, timeout, become, options.outputLimits().readBytes());
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        RemoteCommand command = new RemoteCommand(script, args, timeout,
                become && !"root".equals(host.user()));
        // number of the script among the reader's (from 1), 0 when this call cannot go to the reader
        int residentIndex = command.sudo() || (stdin != null && stdin.length > 0) ? 0
                : residentScripts.indexOf(script) + 1;
        if (residentIndex > 0) {
            Optional<ExecResult> result = tryResident(command, residentIndex, outputLimit);
            if (result.isPresent()) {
                return result.get();
            }
        }
        try {
            // Waiting for a free channel is bounded by the command timeout too.
            if (!channels.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": all " + MAX_CHANNELS
                        + " channels stayed busy for " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted", e);
        }
        try {
            return run(command, stdin == null ? new byte[0] : stdin, outputLimit);
        } finally {
            channels.release();
        }
    }

    private ExecResult run(RemoteCommand command, byte[] stdin, long outputLimit) throws TransportException {
        // Connecting has its own deadline (connectTimeout); the command's clock starts once it has a channel.
        Session session = openSession();
        long started = System.nanoTime();
        long deadline = started + command.timeout().plus(GRACE).toNanos();
        Session.Command running;
        try {
            running = session.exec(command.shellLine());
        } catch (IOException e) {
            abandon(session, null);
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": exec request failed: " + e.getMessage(), e);
        }
        // Past the cap on either stream the command is stopped (KILL, channel closed) and no more is read.
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                abandon(session, running);
            }
        };
        OutputDrain out = OutputDrain.start(running.getInputStream(), host.name() + "-stdout", outputLimit, stop);
        OutputDrain err = OutputDrain.start(running.getErrorStream(), host.name() + "-stderr", outputLimit, stop);
        OutputDrain.feed(running.getOutputStream(), stdin, host.name() + "-stdin");
        boolean finished;
        try {
            finished = out.await(remainingMillis(deadline)) && err.await(remainingMillis(deadline))
                    && awaitClose(running, deadline);
        } catch (InterruptedException e) {
            stop.run();
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted, command abandoned", e);
        }
        if (out.exceeded() || err.exceeded()) {
            stop.run();
            throw OutputLimits.exceeded(host.name(), out.exceeded() ? "stdout" : "stderr", outputLimit,
                    limitOption(outputLimit));
        }
        if (!finished) {
            stop.run();
            throw new TransportException(FailureClass.TIMEOUT, host.name() + ": command timed out after "
                    + command.timeout().toSeconds() + " s (channel closed, host-side timeout kills it)");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        lastLatency = elapsed;
        Integer status = running.getExitStatus();
        Signal signal = running.getExitSignal();
        closeQuietly(session);
        if (status == null && signal == null) {
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": connection lost before the command reported its exit status");
        }
        int exitCode = status != null ? status : 128 + SIGNAL_NUMBERS.getOrDefault(signal, 127);
        String stderr = new String(err.bytes(), StandardCharsets.UTF_8);
        if (command.sudo() && RemoteCommand.isSudoRefusal(exitCode, stderr)) {
            throw new TransportException(FailureClass.SUDO, host.name() + ": sudo -n needs a password for "
                    + host.user() + " (" + RemoteCommand.firstLine(stderr)
                    + "); allow NOPASSWD for it or set become: none");
        }
        if (RemoteCommand.isTimeoutStatus(exitCode) && elapsed.compareTo(command.timeout()) >= 0) {
            throw new TransportException(FailureClass.TIMEOUT, host.name() + ": command timed out after "
                    + command.timeout().toSeconds() + " s (stopped on the host by timeout)");
        }
        return new ExecResult(exitCode, out.bytes(), stderr, elapsed);
    }

    /** The option that raises {@code limit}: the document cap or the read cap. */
    private String limitOption(long limit) {
        return options.outputLimits().isDocumentCap(limit) ? "--max-document" : "--max-output";
    }

    /**
     * A long-running command on a channel of its own, held until it ends or is closed. The channel counts
     * against {@link #MAX_CHANNELS} like any exec; waiting for one is bounded by the connect timeout.
     */
    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        RemoteCommand command = new RemoteCommand(script, args, lifetime, false);
        try {
            if (!channels.tryAcquire(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": all " + MAX_CHANNELS
                        + " channels stayed busy for " + options.connectTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted", e);
        }
        Session session;
        Session.Command running;
        try {
            session = openSession();
        } catch (TransportException | RuntimeException e) {
            channels.release();
            throw e;
        }
        try {
            running = session.exec(command.shellLine());
        } catch (IOException e) {
            abandon(session, null);
            channels.release();
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": exec request failed: " + e.getMessage(), e);
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable end = () -> {
            if (closed.compareAndSet(false, true)) {
                abandon(session, running);
                channels.release();
            }
        };
        // a sampler has nothing to say on stderr but its last words: past the cap it is stopped
        OutputDrain err = OutputDrain.start(running.getErrorStream(), host.name() + "-stream-stderr",
                StreamingCommand.MAX_STDERR_BYTES, end);
        closeQuietly(running.getOutputStream()); // the sampler reads nothing
        return new StreamingCommand() {
            @Override
            public java.io.InputStream stdout() {
                return running.getInputStream();
            }

            @Override
            public String stderr() {
                OutputDrain.awaitLastWords(err);
                return new String(err.bytes(), StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
                end.run();
            }
        };
    }

    /**
     * Runs {@code command} through the resident reader, starting one when none runs. Empty when it cannot take
     * the command (busy with another, arguments with line breaks, no free channel, or the reader broke: then
     * it is discarded and the caller runs a plain command, which reports the host's real condition). Three
     * readers broken in a row and this transport stops trying.
     */
    private Optional<ExecResult> tryResident(RemoteCommand command, int index, long outputLimit)
            throws TransportException {
        if (!ResidentShell.fitsRequest(command.args()) || !residentLock.tryLock()) {
            return Optional.empty();
        }
        try {
            if (residentFailures >= RESIDENT_MAX_FAILURES) {
                return Optional.empty();
            }
            ResidentShell shell = residentShell();
            if (shell == null) {
                return Optional.empty();
            }
            ExecResult result;
            try {
                result = shell.run(index, command.args(), command.timeout(), GRACE, outputLimit);
            } catch (ResidentShell.OutputLimitExceeded e) {
                discardResident();
                throw OutputLimits.exceeded(host.name(), e.stream(), outputLimit, limitOption(outputLimit));
            } catch (ResidentShell.Broken e) {
                residentFailures++;
                discardResident();
                return Optional.empty();
            } catch (ResidentShell.DeadlineExceeded e) {
                discardResident();
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": command timed out after "
                        + command.timeout().toSeconds() + " s (resident reader abandoned and sent KILL; on a root "
                        + "login sshd refuses that signal and the read may run on until its next write)");
            } catch (InterruptedException e) {
                discardResident();
                Thread.currentThread().interrupt();
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted, command abandoned",
                        e);
            }
            residentFailures = 0;
            lastLatency = result.elapsed();
            if (RemoteCommand.isTimeoutStatus(result.exitCode()) && result.elapsed().compareTo(command.timeout()) >= 0) {
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": command timed out after "
                        + command.timeout().toSeconds() + " s (stopped on the host by timeout)");
            }
            return Optional.of(result);
        } finally {
            residentLock.unlock();
        }
    }

    /** The running reader, or a new one; null when no channel is free for it. Needs residentLock. */
    private ResidentShell residentShell() throws TransportException {
        ResidentShell current = resident;
        if (current != null && current.usable()) {
            return current;
        }
        discardResident();
        if (!channels.tryAcquire()) {
            return null;
        }
        Session session = null;
        try {
            session = openSession();
            resident = ResidentShell.start(host.name(), session, residentScripts);
            return resident;
        } catch (IOException e) {
            residentFailures++;
            channels.release();
            if (session != null) {
                closeQuietly(session);
            }
            return null;
        } catch (TransportException | RuntimeException e) {
            channels.release();
            throw e;
        }
    }

    /**
     * Stops an idle resident reader and starts no other on this transport; false when there is none or it is
     * busy (then it gives its channel back when its request ends).
     */
    private boolean dropIdleResident() {
        if (resident == null || !residentLock.tryLock()) {
            return false;
        }
        try {
            if (resident == null) {
                return false;
            }
            residentFailures = RESIDENT_MAX_FAILURES;
            discardResident();
            return true;
        } finally {
            residentLock.unlock();
        }
    }

    /** Stops the reader, if any, and frees its channel. Needs residentLock. */
    private void discardResident() {
        ResidentShell current = resident;
        if (current != null) {
            resident = null;
            current.close();
            channels.release();
        }
    }

    /** True when the channel closed before the deadline; false when the deadline passed first. */
    private boolean awaitClose(Session.Command running, long deadline) {
        try {
            running.join(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // sshj reports an expired join as an exception; the channel state says which case we are in.
        }
        return !running.isOpen() || running.getExitStatus() != null || running.getExitSignal() != null;
    }

    /**
     * A session on a live connection; a connection found dead is replaced once, before anything ran.
     *
     * <p>A refused channel is retried briefly and never costs the connection (other commands run on it).
     * sshd frees a closed session only in its next main-loop pass, so an open that follows our close in the
     * same TCP segment can still count against MaxSessions: with 8 channels busy and OpenSSH's default of 10,
     * {@code SshTransportIT} saw such refusals under churn. A host whose MaxSessions is really below ours keeps
     * refusing and gets a clear error.
     */
    private Session openSession() throws TransportException {
        OpenFailException refused = null;
        for (int attempt = 0; attempt < CHANNEL_OPEN_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(50L << attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted", e);
                }
            }
            try {
                return openSessionOnce();
            } catch (OpenFailException e) {
                refused = e;
            }
        }
        // The resident reader holds a channel for good: on a host whose MaxSessions leaves no room beside it,
        // give it up (for the life of this transport) rather than every plain command.
        if (dropIdleResident()) {
            for (int attempt = 0; attempt < CHANNEL_OPEN_ATTEMPTS; attempt++) {
                try {
                    Thread.sleep(100); // sshd frees the reader's session once its sh has exited
                    return openSessionOnce();
                } catch (OpenFailException e) {
                    refused = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted", e);
                }
            }
        }
        throw new TransportException(FailureClass.COMMAND, host.name() + ": host refused a session channel ("
                + refused.getMessage() + "); is its sshd MaxSessions below " + MAX_CHANNELS + "?", refused);
    }

    private Session openSessionOnce() throws TransportException, OpenFailException {
        SshConnection current = connectedClient();
        try {
            return current.client().startSession();
        } catch (OpenFailException refused) {
            throw refused;
        } catch (IOException firstFailure) {
            if (interruption(firstFailure)) {
                // the caller was interrupted while sshj waited for the channel: the connection itself is fine
                Thread.currentThread().interrupt();
                throw new TransportException(FailureClass.TIMEOUT, host.name() + ": interrupted", firstFailure);
            }
            discard(current);
            SshConnection fresh = connectedClient();
            try {
                return fresh.client().startSession();
            } catch (OpenFailException refused) {
                throw refused;
            } catch (IOException e) {
                discard(fresh);
                throw new TransportException(FailureClass.UNREACHABLE,
                        host.name() + ": cannot open a session channel: " + e.getMessage(), e);
            }
        }
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

    /**
     * The live connection, or a new one (through the host's jump hosts, see {@link SshRun#connect}); the connect
     * runs under its watchdog, which {@link #close()} can set off at once.
     */
    private SshConnection connectedClient() throws TransportException {
        synchronized (connectionLock) {
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

    private void discard(SshConnection stale) {
        synchronized (connectionLock) {
            if (connection == stale) {
                connection = null;
            }
        }
        disconnectInBackground(stale);
    }

    /**
     * Closing a channel whose command still runs can block for ~30 s in sshj, so it happens on its own
     * thread; the host-side {@code timeout} guarantees the process dies even if the signal is refused.
     */
    private void abandon(Session session, Session.Command running) {
        Thread closer = new Thread(() -> {
            if (running != null) {
                try {
                    running.signal(Signal.KILL);
                } catch (IOException | RuntimeException e) {
                    // OpenSSH may refuse signals; the channel close and host-side timeout still apply.
                }
            }
            closeQuietly(session);
        }, host.name() + "-abandon");
        closer.setDaemon(true);
        closer.start();
    }

    private void disconnectInBackground(SshConnection stale) {
        Thread closer = new Thread(() -> closeQuietly(stale), host.name() + "-disconnect");
        closer.setDaemon(true);
        closer.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Best effort: the peer may already be gone.
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    @Override
    public String hostName() {
        return host.name();
    }

    @Override
    public Duration lastLatency() {
        return lastLatency;
    }

    @Override
    public boolean isConnected() {
        SshConnection current = connection;
        return current != null && current.alive();
    }

    @Override
    public void close() {
        closed = true;
        ConnectWatchdog.Guard inFlight = connecting;
        if (inFlight != null) {
            inFlight.abort(); // the thread in connectedClient() fails at once and sees `closed`
        }
        ResidentShell reader = resident;
        if (reader != null) {
            reader.close();
        }
        SshConnection toClose = connection;
        connection = null;
        if (toClose != null) {
            closeWithin(toClose, CLOSE_WAIT);
        }
        if (ownsRun) {
            run.close();
        }
    }

    /**
     * sshj's orderly disconnect, given {@code wait} on a thread of its own (it can block behind a channel whose
     * command still runs, or a peer that stopped reading); past that the socket is closed under it.
     */
    private void closeWithin(SshConnection stale, Duration wait) {
        Thread closer = new Thread(() -> closeQuietly(stale), host.name() + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            stale.cut();
        }
    }
}
