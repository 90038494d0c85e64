package jts.fleet.controller.shell;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jts.fleet.controller.fleet.ForwardingTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.StreamingCommand;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * The shell's view of one pooled transport. Every command of the shell reaches hosts through the shared
 * {@link jts.fleet.controller.transport.ConnectionPool}, whose factory wraps each transport in one of these, so
 * the shell learns two things without any command knowing about it: the output of every successful gather
 * (kept as the session's snapshot cache, used for device completion and {@code top}), and reconnects (a
 * connection that died between two uses is replaced by the transport; the shell says so).
 */
final class SessionTransport extends ForwardingTransport {
    private final HostSpec host;
    private final ShellSession session;
    private final Object useLock = new Object();
    private boolean used; // guarded by useLock
    private int knownReconnects; // guarded by useLock

    SessionTransport(HostSpec host, Transport delegate, ShellSession session) {
        super(delegate);
        this.host = Objects.requireNonNull(host, "host");
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        boolean wasConnected = delegate().isConnected();
        ExecResult result = delegate().exec(script, args, stdin, timeout, become);
        return seen(script, wasConnected, result);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        boolean wasConnected = delegate().isConnected();
        ExecResult result = delegate().exec(script, args, stdin, timeout, become, outputLimit);
        return seen(script, wasConnected, result);
    }

    /** Notes a reconnect and keeps a gather's output, then hands {@code result} back. */
    private ExecResult seen(String script, boolean wasConnected, ExecResult result) {
        noteReconnect(wasConnected);
        if (result.ok() && session.isGather(script)) {
            session.recordGather(host, result.stdoutText());
        }
        return result;
    }

    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        boolean wasConnected = delegate().isConnected();
        StreamingCommand started = delegate().stream(script, args, lifetime);
        noteReconnect(wasConnected);
        return started;
    }

    /**
     * A transport that was used before and either was found disconnected when this exec began or replaced its
     * connection during it (sshj keepalive declared the peer dead, sshd restarted) has just reconnected.
     */
    private void noteReconnect(boolean wasConnected) {
        int reconnects = reconnectCount();
        boolean reconnected;
        synchronized (useLock) {
            reconnected = used && (reconnects > knownReconnects || !wasConnected);
            used = true;
            knownReconnects = reconnects;
        }
        if (reconnected) {
            session.notice(host.name() + ": connection had dropped; reconnected");
        }
    }

    /** Times the SSH connection was replaced; 0 for transports without connections (local). */
    int reconnectCount() {
        return delegate() instanceof SshTransport ssh ? ssh.reconnectCount() : 0;
    }

    /** True once an exec went through this transport (its connection was opened at least once). */
    boolean used() {
        synchronized (useLock) {
            return used;
        }
    }

    HostSpec host() {
        return host;
    }
}
