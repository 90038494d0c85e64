package jts.fleet.controller.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jts.fleet.inventory.HostSpec;

/**
 * Runs commands on this machine through {@link ProcessBuilder} with exactly the argument vector an SSH host
 * would get ({@link RemoteCommand#argv()}), so scripts behave the same on both transports. Used for the
 * embedded default inventory and hosts marked {@code connection: local}.
 */
public final class LocalTransport implements Transport {
    private final String hostName;
    private final boolean runningAsRoot;
    private final OutputLimits limits;
    private volatile Duration lastLatency = Duration.ZERO;
    private volatile boolean closed;

    public LocalTransport(HostSpec host) {
        this(host, OutputLimits.DEFAULT);
    }

    public LocalTransport(HostSpec host, OutputLimits limits) {
        this(host.name(), "root".equals(System.getProperty("user.name")), limits);
    }

    LocalTransport(String hostName, boolean runningAsRoot) {
        this(hostName, runningAsRoot, OutputLimits.DEFAULT);
    }

    LocalTransport(String hostName, boolean runningAsRoot, OutputLimits limits) {
        this.hostName = hostName;
        this.runningAsRoot = runningAsRoot;
        this.limits = limits;
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        return exec(script, args, stdin, timeout, become, limits.readBytes());
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        RemoteCommand command = new RemoteCommand(script, args, timeout, become && !runningAsRoot);
        long started = System.nanoTime();
        Process process = start(command);
        // past the cap on either stream the command's process tree is killed and no more is read
        Runnable stop = () -> killTree(process);
        OutputDrain out = OutputDrain.start(process.getInputStream(), hostName + "-stdout", outputLimit, stop);
        OutputDrain err = OutputDrain.start(process.getErrorStream(), hostName + "-stderr", outputLimit, stop);
        OutputDrain.feed(process.getOutputStream(), stdin == null ? new byte[0] : stdin, hostName + "-stdin");
        long deadline = started + timeout.plus(RemoteCommand.GRACE).toNanos();
        try {
            boolean exited = process.waitFor(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            if (!exited || !out.await(remainingMillis(deadline)) || !err.await(remainingMillis(deadline))) {
                killTree(process);
                if (out.exceeded() || err.exceeded()) {
                    throw limits.exceeded(hostName, out.exceeded() ? "stdout" : "stderr", outputLimit);
                }
                throw new TransportException(FailureClass.TIMEOUT,
                        hostName + ": command timed out after " + timeout.toSeconds() + " s (killed)");
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, hostName + ": interrupted, command killed", e);
        }
        if (out.exceeded() || err.exceeded()) {
            throw limits.exceeded(hostName, out.exceeded() ? "stdout" : "stderr", outputLimit);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        lastLatency = elapsed;
        String stderr = new String(err.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        return command.checked(hostName, System.getProperty("user.name"),
                new ExecResult(process.exitValue(), out.bytes(), stderr, elapsed));
    }

    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        Process process = start(new RemoteCommand(script, args, lifetime, false));
        OutputDrain.feed(process.getOutputStream(), new byte[0], hostName + "-stdin");
        OutputDrain err = OutputDrain.start(process.getErrorStream(), hostName + "-stream-stderr",
                StreamingCommand.MAX_STDERR_BYTES, () -> killTree(process));
        return new StreamingCommand() {
            @Override
            public java.io.InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public String stderr() {
                OutputDrain.awaitLastWords(err);
                return new String(err.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
                killTree(process);
            }
        };
    }

    /** Starts {@code command} as a process of this transport (refused once it is closed). */
    private Process start(RemoteCommand command) throws TransportException {
        if (closed) {
            throw new IllegalStateException(hostName + ": local transport is closed");
        }
        try {
            return new ProcessBuilder(command.argv()).start();
        } catch (IOException e) {
            throw new TransportException(FailureClass.COMMAND,
                    hostName + ": cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Kills descendants first: once the parent is gone they are reparented and harder to find. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public Duration lastLatency() {
        return lastLatency;
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
