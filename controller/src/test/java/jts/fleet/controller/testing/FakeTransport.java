package jts.fleet.controller.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.StreamingCommand;
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
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lastBecome = new AtomicBoolean();
    private final AtomicLong lastOutputLimit = new AtomicLong(READ_CAP);
    private final List<Duration> timeouts = new CopyOnWriteArrayList<>();

    /** {@link #lastOutputLimit()} of an exec that took the transport's own read cap. */
    public static final long READ_CAP = -1;

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
        return run(script, args, stdin, timeout, become, READ_CAP);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        return run(script, args, stdin, timeout, become, outputLimit);
    }

    private ExecResult run(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        if (closed.get()) {
            throw new IllegalStateException(hostName + ": fake transport is closed");
        }
        execs.incrementAndGet();
        lastBecome.set(become);
        lastOutputLimit.set(outputLimit);
        timeouts.add(timeout);
        return behaviour.exec(script, args, stdin);
    }

    /** The output cap the last exec asked for, {@link #READ_CAP} when it took the transport's own. */
    public long lastOutputLimit() {
        return lastOutputLimit.get();
    }

    /** The deadline of every exec so far, in order. */
    public List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    /** Whether the last exec asked for sudo. */
    public boolean lastBecome() {
        return lastBecome.get();
    }

    /**
     * A sampler as {@code watch-stream.sh} would run it: every INTERVAL_MS (its first argument) one call of the
     * behaviour, whose stdout becomes one frame. The first call happens here: when it throws, starting the stream
     * fails (as a failed connect would); a later one that throws ends the stream with its message on stderr.
     * Closing stops it (the behaviour's thread is interrupted).
     */
    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        if (closed.get()) {
            throw new IllegalStateException(hostName + ": fake transport is closed");
        }
        streams.incrementAndGet();
        long intervalMs = Long.parseLong(args.get(0));
        java.io.PipedInputStream stdout = new java.io.PipedInputStream(1 << 20);
        java.io.PipedOutputStream frames;
        try {
            frames = new java.io.PipedOutputStream(stdout);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuffer stderr = new StringBuffer();
        execs.incrementAndGet();
        ExecResult firstFrame = behaviour.exec(script, args, new byte[0]); // failing here: as a failed connect
        Thread sampler = new Thread(() -> {
            // stderr is written before stdout ends, as a host's last words come before its channel closes
            try {
                // a fixed schedule from the first frame, as watch-stream.sh keeps: a slow frame on a busy machine
                // does not push every later one back (a drifting fake starved the engine's ticks under load)
                long intervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(intervalMs);
                long due = System.nanoTime();
                for (long seq = 0; !Thread.currentThread().isInterrupted(); seq++) {
                    ExecResult r = firstFrame;
                    if (seq > 0) {
                        execs.incrementAndGet();
                        r = behaviour.exec(script, args, new byte[0]);
                    }
                    String frame = "@@jts-sample " + seq + "\n" + r.stdoutText() + "@@jts-end " + seq + "\n";
                    frames.write(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    frames.flush();
                    due += intervalNanos;
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                }
            } catch (TransportException e) {
                // what the host would print: the message without the host name the controller adds
                String message = e.getMessage();
                stderr.append(message.startsWith(hostName + ": ") ? message.substring(hostName.length() + 2) : message);
            } catch (java.io.IOException | InterruptedException e) {
                // closed by the reader
            } finally {
                try {
                    frames.close();
                } catch (java.io.IOException e) {
                    // the reader closed its end first
                }
            }
        }, hostName + "-fake-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return new StreamingCommand() {
            @Override
            public java.io.InputStream stdout() {
                return stdout;
            }

            @Override
            public String stderr() {
                return stderr.toString();
            }

            @Override
            public void close() {
                sampler.interrupt();
                try {
                    stdout.close();
                } catch (java.io.IOException e) {
                    // nothing to do
                }
            }
        };
    }

    /** How many streams were started. */
    public int streamCount() {
        return streams.get();
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
