package jts.fleet.controller.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One SSH connection (sshj) to one host, opened lazily on the first exec and reused for every later one;
 * each exec is its own session channel. Four parts, each with one job:
 * <ul>
 *   <li>{@link HostConnection}: connecting (through {@link SshRun}: TCP or a jump tunnel, host key,
 *       authentication) under a deadline, and replacing a connection that died (keepalive misses, sshd restart,
 *       network), because a disconnected sshj client cannot be reused;</li>
 *   <li>{@link ChannelGate}: at most {@link #MAX_CHANNELS} channels at once, below OpenSSH's MaxSessions 10, and
 *       opening a session with brief retries;</li>
 *   <li>{@link ChannelExec}: one command on its channel, with its deadline and output caps;</li>
 *   <li>{@link ResidentSlot}: the optional resident reader that runs repeated read-only scripts without a
 *       session each.</li>
 * </ul>
 *
 * <p>Every step has a deadline: the whole connect, TCP, the server's banner, key exchange and authentication
 * together ({@link SshOptions#connectTimeout()}, kept by a {@link ConnectWatchdog} that closes the socket, since
 * sshj's own timeouts are per read), channel requests (connection timeout, same value) and the command itself
 * (the exec timeout, enforced on the host by {@code timeout -k 5} and here by a join with a deadline).
 * {@link #close()} never waits behind a connect or a running command for more than
 * {@link HostConnection#CLOSE_WAIT}.
 */
public final class SshTransport implements Transport {
    /** Concurrent channels per connection; OpenSSH refuses the 11th by default. */
    public static final int MAX_CHANNELS = 8;

    private final HostSpec host;
    private final SshRun run;
    private final SshOptions options;
    private final boolean ownsRun;
    private final HostConnection connection;
    private final ChannelGate channels;
    private final ChannelExec commands;
    private final ResidentSlot resident;
    private volatile Duration lastLatency = Duration.ZERO;

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
        this.connection = new HostConnection(host, run, options);
        // the gate gives up an idle resident reader's channel when the host has no room beside it
        this.channels = new ChannelGate(host.name(), connection, this::dropIdleResident);
        this.commands = new ChannelExec(host.name(), options.outputLimits());
        this.resident = new ResidentSlot(host.name(), channels, options.outputLimits());
    }

    /** Connects now instead of on the first exec (e.g. to report reachability before any work). */
    public void connect() throws TransportException {
        connection.live();
    }

    /**
     * The sentence to show when accept-new recorded this host's key (like OpenSSH's "Permanently added"),
     * e.g. {@code db-01: recorded new host key ssh-ed25519 SHA256:... for [10.0.0.1]:2222 in ~/.ssh/known_hosts}.
     */
    public Optional<String> recordedHostKey() {
        return connection.recordedHostKey();
    }

    /**
     * Lets this transport run {@code scripts} through a resident reader ({@link ResidentShell}) instead of a
     * session per command, for as long as the transport lives. For read-only scripts that a session repeats
     * (the shell's status and watch): only calls without stdin and without sudo take that way,
     * one at a time; everything else, and every call while the reader is busy or broken, is a plain command.
     * The reader starts with the first such call and holds one of the {@link #MAX_CHANNELS} channels.
     */
    public void keepResident(List<String> scripts) {
        resident.keep(scripts);
    }

    /** True while a resident reader is running on the host. */
    public boolean residentRunning() {
        return resident.running();
    }

    /** How often a dead connection was replaced by a new one (0 while the first connection lives). */
    public int reconnectCount() {
        return connection.reconnectCount();
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
        Optional<ExecResult> read = resident.tryRun(command, stdin, outputLimit);
        ExecResult result;
        if (read.isPresent()) {
            result = read.get();
        } else {
            // waiting for a free channel is bounded by the command timeout too
            channels.acquire(timeout);
            try {
                // connecting has its own deadline (connectTimeout); the command's clock starts once it has a channel
                Session session = channels.open();
                result = commands.run(session, command, stdin == null ? new byte[0] : stdin, outputLimit);
            } finally {
                channels.release();
            }
        }
        lastLatency = result.elapsed();
        return command.checked(host.name(), host.user(), result);
    }

    /**
     * A long-running command on a channel of its own, held until it ends or is closed. The channel counts
     * against {@link #MAX_CHANNELS} like any exec; waiting for one is bounded by the connect timeout.
     */
    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        RemoteCommand command = new RemoteCommand(script, args, lifetime, false);
        channels.acquire(options.connectTimeout());
        try {
            return commands.stream(channels.open(), command, channels::release);
        } catch (TransportException | RuntimeException e) {
            channels.release();
            throw e;
        }
    }

    private boolean dropIdleResident() {
        return resident.dropIdle();
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
        return connection.isConnected();
    }

    @Override
    public void close() {
        connection.stopConnecting();
        resident.close();
        connection.close();
        if (ownsRun) {
            run.close();
        }
    }
}
