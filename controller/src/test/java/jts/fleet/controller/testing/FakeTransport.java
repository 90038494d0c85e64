package jts.fleet.controller.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/** A transport whose exec answers come from a lambda, for engine tests that need no host. */
public final class FakeTransport implements Transport {

    /** What one exec does: return a result or throw. */
    @FunctionalInterface
    public interface Behaviour {
        ExecResult exec(String script, List<String> args, byte[] stdin) throws TransportException;
    }

    private final String hostName;
    private final Behaviour behaviour;
    private final AtomicInteger execs = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lastBecome = new AtomicBoolean();

    public FakeTransport(String hostName, Behaviour behaviour) {
        this.hostName = hostName;
        this.behaviour = behaviour;
    }

    /** A transport whose every exec prints {@code stdout} and exits 0. */
    public static FakeTransport answering(String hostName, String stdout) {
        return new FakeTransport(hostName, (script, args, stdin) -> new ExecResult(0,
                stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8), "", Duration.ofMillis(1)));
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        if (closed.get()) {
            throw new IllegalStateException(hostName + ": fake transport is closed");
        }
        execs.incrementAndGet();
        lastBecome.set(become);
        return behaviour.exec(script, args, stdin);
    }

    /** Whether the last exec asked for sudo. */
    public boolean lastBecome() {
        return lastBecome.get();
    }

    public int execCount() {
        return execs.get();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public Duration lastLatency() {
        return Duration.ofMillis(1);
    }

    @Override
    public boolean isConnected() {
        return !closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
