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
    private final SshOptions options;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    private final Object connectionLock = new Object();
    // Written under connectionLock, read without it: isConnected() must not wait behind a slow connect.
    private volatile SSHClient client;
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

    public SshTransport(HostSpec host, SshOptions options) {
        if (host.connection() != HostSpec.Connection.SSH) {
            throw new IllegalArgumentException(host.name() + ": not an ssh host (connection "
                    + host.connection() + ")");
        }
        this.host = host;
        this.options = options;
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
        SSHClient current = connectedClient();
        try {
            return current.startSession();
        } catch (OpenFailException refused) {
            throw refused;
        } catch (IOException firstFailure) {
            discard(current);
            SSHClient fresh = connectedClient();
            try {
                return fresh.startSession();
            } catch (OpenFailException refused) {
                throw refused;
            } catch (IOException e) {
                discard(fresh);
                throw new TransportException(FailureClass.UNREACHABLE,
                        host.name() + ": cannot open a session channel: " + e.getMessage(), e);
            }
        }
    }

    private SSHClient connectedClient() throws TransportException {
        synchronized (connectionLock) {
            if (closed) {
                throw new IllegalStateException(host.name() + ": transport is closed");
            }
            if (client != null && client.isConnected() && client.isAuthenticated()) {
                return client;
            }
            if (client != null) {
                disconnectInBackground(client);
                client = null;
            }
            SSHClient fresh = connectWithinDeadline();
            if (closed) {
                // close() ran while we connected: this connection is nobody's
                disconnectInBackground(fresh);
                throw new IllegalStateException(host.name() + ": transport is closed");
            }
            client = fresh;
            connects++;
            return client;
        }
    }

    /** {@link #openClient} under the connect watchdog: done within the connect timeout, or failed. */
    private SSHClient connectWithinDeadline() throws TransportException {
        ConnectWatchdog.Guard guard = ConnectWatchdog.arm(options.connectTimeout());
        connecting = guard;
        String where = host.address() + ":" + host.port();
        try {
            if (closed) {
                guard.abort();
            }
            SSHClient ssh = openClient(guard);
            guard.close();
            if (guard.fired() || guard.aborted()) {
                // the deadline passed just as the connect finished: its socket is closed already
                closeQuietly(ssh);
                throw deadlineFailure(guard, where, null);
            }
            return ssh;
        } catch (TransportException e) {
            if (guard.fired() || guard.aborted()) {
                throw deadlineFailure(guard, where, e);
            }
            throw e;
        } finally {
            guard.close();
            connecting = null;
        }
    }

    /**
     * The failure to report when the watchdog ended the connect: a TCP connect that did not finish is an
     * unreachable host, as before; a server that took the TCP connection and then did not finish its part
     * (banner, key exchange, authentication) is a timeout.
     */
    private TransportException deadlineFailure(ConnectWatchdog.Guard guard, String where, Exception cause) {
        if (guard.aborted() && !guard.fired()) {
            return new TransportException(FailureClass.UNREACHABLE, host.name() + ": connect to " + where
                    + " abandoned: the transport was closed", cause);
        }
        String limit = describe(guard.deadline());
        if (!guard.tcpConnectedWhenFired()) {
            return new TransportException(FailureClass.UNREACHABLE, host.name() + ": connect to " + where
                    + " timed out after " + limit + " (no TCP connection)", cause);
        }
        return new TransportException(FailureClass.TIMEOUT, host.name() + ": connect to " + where + " did not finish"
                + " within " + limit + " (--connect-timeout): still waiting for the " + guard.stage()
                + "; is it an SSH server, and not overloaded?", cause);
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void discard(SSHClient stale) {
        synchronized (connectionLock) {
            if (client == stale) {
                client = null;
            }
        }
        disconnectInBackground(stale);
    }

    private SSHClient openClient(ConnectWatchdog.Guard guard) throws TransportException {
        Path identity = identityFile();
        Path knownHosts = options.knownHostsOverride().or(host::knownHosts)
                .orElse(KnownHostsVerifier.defaultFile().toPath());
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(host.name(), knownHosts, options.acceptNewHostKeys());
        } catch (IOException e) {
            throw new TransportException(FailureClass.HOST_KEY,
                    host.name() + ": cannot read known_hosts " + knownHosts + ": " + e.getMessage(), e);
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        SSHClient ssh = new SSHClient(ModernAlgorithms.shared());
        ssh.setSocketFactory(new NoDelaySocketFactory(guard::watch));
        ssh.setConnectTimeout(timeoutMs);
        ssh.setTimeout(timeoutMs);
        ssh.getTransport().setTimeoutMs(timeoutMs);
        ssh.getConnection().setTimeoutMs(timeoutMs);
        KeepAlive keepAlive = ssh.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval((int) Math.max(1, options.keepAliveInterval().toSeconds()));
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(SshOptions.KEEPALIVE_MAX_MISSES);
        }
        ssh.addHostKeyVerifier(verifier);
        String where = host.address() + ":" + host.port();
        try {
            guard.stage("SSH banner and key exchange");
            ssh.connect(host.address(), host.port());
        } catch (UnknownHostException e) {
            closeQuietly(ssh);
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": cannot resolve " + host.address(), e);
        } catch (ConnectException | NoRouteToHostException e) {
            closeQuietly(ssh);
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": cannot connect to " + where + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            closeQuietly(ssh);
            throw new TransportException(FailureClass.UNREACHABLE, host.name() + ": connect to " + where
                    + " timed out after " + options.connectTimeout().toMillis() + " ms", e);
        } catch (net.schmizz.sshj.transport.TransportException e) {
            closeQuietly(ssh);
            if (verifier.refusal() != null) {
                throw new TransportException(FailureClass.HOST_KEY, verifier.refusal(), e);
            }
            if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
                throw new TransportException(FailureClass.HOST_KEY,
                        host.name() + ": host key of " + where + " not accepted: " + e.getMessage(), e);
            }
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": ssh handshake with " + where + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(ssh);
            throw new TransportException(FailureClass.UNREACHABLE,
                    host.name() + ": cannot connect to " + where + ": " + e.getMessage(), e);
        }
        if (verifier.recorded() != null) {
            recordedHostKey = verifier.recorded();
        }
        try {
            guard.stage("authentication");
            KeyProvider keys = ssh.loadKeys(identity.toString());
            ssh.authPublickey(host.user(), keys);
        } catch (UserAuthException e) {
            closeQuietly(ssh);
            throw new TransportException(FailureClass.AUTH, host.name() + ": public key " + identity
                    + " refused for user " + host.user() + " at " + where, e);
        } catch (IOException e) {
            closeQuietly(ssh);
            FailureClass failure = ssh.isConnected() ? FailureClass.AUTH : FailureClass.UNREACHABLE;
            throw new TransportException(failure, host.name() + ": authentication as " + host.user()
                    + " with " + identity + " failed: " + e.getMessage(), e);
        }
        return ssh;
    }

    /** The inventory's identity file, else the first of OpenSSH's defaults that exists. */
    private Path identityFile() throws TransportException {
        Optional<Path> configured = host.identityFile();
        if (configured.isPresent()) {
            Path path = configured.get();
            if (!Files.isRegularFile(path)) {
                throw new TransportException(FailureClass.AUTH,
                        host.name() + ": identity file " + path + " does not exist");
            }
            if (!Files.isReadable(path)) {
                throw new TransportException(FailureClass.AUTH,
                        host.name() + ": identity file " + path + " is not readable");
            }
            return path;
        }
        Path sshDir = jts.fleet.inventory.UserDirs.current().sshDir();
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path candidate = sshDir.resolve(name);
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new TransportException(FailureClass.AUTH, host.name()
                + ": no identity_file set and none of id_ed25519, id_ecdsa, id_rsa readable in " + sshDir);
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

    private void disconnectInBackground(SSHClient stale) {
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
        SSHClient current = client;
        return current != null && current.isConnected() && current.isAuthenticated();
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
        SSHClient toClose = client;
        client = null;
        if (toClose != null) {
            closeWithin(toClose, CLOSE_WAIT);
        }
    }

    /**
     * sshj's orderly disconnect, given {@code wait} on a thread of its own (it can block behind a channel whose
     * command still runs, or a peer that stopped reading); past that the socket is closed under it.
     */
    private void closeWithin(SSHClient ssh, Duration wait) {
        Thread closer = new Thread(() -> closeQuietly(ssh), host.name() + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive() && ssh.getSocket() != null) {
            closeQuietly(ssh.getSocket());
        }
    }
}
