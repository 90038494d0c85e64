package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.StreamingCommand;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/**
 * A transport that passes every call on to another: the base of the wrappers that watch commands go by (the
 * engine's {@code -v} log, the shell's session view). A subclass overrides what it adds to; everything else,
 * including the output cap of {@link #exec(String, List, byte[], Duration, boolean, long)}, reaches the delegate
 * unchanged.
 */
public abstract class ForwardingTransport implements Transport {
    private final Transport delegate;

    protected ForwardingTransport(Transport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The transport every call goes to. */
    protected final Transport delegate() {
        return delegate;
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        return delegate.exec(script, args, stdin, timeout, become);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        return delegate.exec(script, args, stdin, timeout, become, outputLimit);
    }

    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        return delegate.stream(script, args, lifetime);
    }

    @Override
    public String hostName() {
        return delegate.hostName();
    }

    @Override
    public Duration lastLatency() {
        return delegate.lastLatency();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
