package jts.fleet.controller.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command on a session channel of its own: the exec request, stdout and stderr drained concurrently (the
 * channel window is 2 MiB: reading one while the other fills would deadlock), stdin fed, and a deadline kept
 * here too (the command's timeout plus {@link RemoteCommand#GRACE}) besides the host-side {@code timeout}. A
 * command past its deadline or its output cap is abandoned: KILL, then the channel closed, on a thread of its
 * own, because closing a channel whose command still runs can block for ~30 s in sshj.
 */
final class ChannelExec {
    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3),
            Map.entry(Signal.ILL, 4), Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8),
            Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10), Map.entry(Signal.SEGV, 11),
            Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    private final String hostName;
    private final OutputLimits limits;

    ChannelExec(String hostName, OutputLimits limits) {
        this.hostName = hostName;
        this.limits = limits;
    }

    /**
     * Runs {@code command} on {@code session} (which this call closes or abandons) and returns what it printed and
     * its exit status as the host reported it; the caller judges that status ({@link RemoteCommand#checked}).
     */
    ExecResult run(Session session, RemoteCommand command, byte[] stdin, long outputLimit) throws TransportException {
        // the command's clock starts once it has a channel (connecting has its own deadline)
        long started = System.nanoTime();
        long deadline = started + command.timeout().plus(RemoteCommand.GRACE).toNanos();
        Session.Command running = start(session, command);
        // Past the cap on either stream the command is stopped (KILL, channel closed) and no more is read.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                abandon(hostName + "-abandon", session, running);
            }
        };
        OutputDrain out = OutputDrain.start(running.getInputStream(), hostName + "-stdout", outputLimit, stop);
        OutputDrain err = OutputDrain.start(running.getErrorStream(), hostName + "-stderr", outputLimit, stop);
        OutputDrain.feed(running.getOutputStream(), stdin, hostName + "-stdin");
        boolean finished;
        try {
            finished = out.await(remainingMillis(deadline)) && err.await(remainingMillis(deadline))
                    && awaitClose(running, deadline);
        } catch (InterruptedException e) {
            stop.run();
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, hostName + ": interrupted, command abandoned", e);
        }
        if (out.exceeded() || err.exceeded()) {
            stop.run();
            throw limits.exceeded(hostName, out.exceeded() ? "stdout" : "stderr", outputLimit);
        }
        if (!finished) {
            stop.run();
            throw new TransportException(FailureClass.TIMEOUT, hostName + ": command timed out after "
                    + command.timeout().toSeconds() + " s (channel closed, host-side timeout kills it)");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Integer status = running.getExitStatus();
        Signal signal = running.getExitSignal();
        Quietly.close(session);
        if (status == null && signal == null) {
            throw new TransportException(FailureClass.UNREACHABLE,
                    hostName + ": connection lost before the command reported its exit status");
        }
        int exitCode = status != null ? status : 128 + SIGNAL_NUMBERS.getOrDefault(signal, 127);
        return new ExecResult(exitCode, out.bytes(), new String(err.bytes(), StandardCharsets.UTF_8), elapsed);
    }

    /**
     * Starts {@code command} on {@code session} and hands it over as it runs; {@code release} runs once when it
     * is closed (by the caller, or when it printed more than {@link StreamingCommand#MAX_STDERR_BYTES} on
     * stderr).
     */
    StreamingCommand stream(Session session, RemoteCommand command, Runnable release) throws TransportException {
        Session.Command running = start(session, command);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable end = () -> {
            if (closed.compareAndSet(false, true)) {
                abandon(hostName + "-abandon", session, running);
                release.run();
            }
        };
        // a sampler has nothing to say on stderr but its last words: past the cap it is stopped
        OutputDrain err = OutputDrain.start(running.getErrorStream(), hostName + "-stream-stderr",
                StreamingCommand.MAX_STDERR_BYTES, end);
        Quietly.close(running.getOutputStream()); // the sampler reads nothing
        return new StreamingCommand() {
            @Override
            public InputStream stdout() {
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

    private Session.Command start(Session session, RemoteCommand command) throws TransportException {
        try {
            return session.exec(command.shellLine());
        } catch (IOException e) {
            abandon(hostName + "-abandon", session, null);
            throw new TransportException(FailureClass.UNREACHABLE,
                    hostName + ": exec request failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sends KILL (OpenSSH may refuse it: the channel close and the host-side timeout still apply) and closes the
     * channel, on a thread of its own.
     */
    static void abandon(String threadName, Session session, Session.Command running) {
        Quietly.inBackground(threadName, () -> {
            if (running != null) {
                try {
                    running.signal(Signal.KILL);
                } catch (IOException | RuntimeException e) {
                    // refused: the channel close and host-side timeout still apply
                }
            }
            Quietly.close(session);
        });
    }

    /** True when the channel closed before the deadline; false when the deadline passed first. */
    private static boolean awaitClose(Session.Command running, long deadline) {
        try {
            running.join(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // sshj reports an expired join as an exception; the channel state says which case we are in.
        }
        return !running.isOpen() || running.getExitStatus() != null || running.getExitSignal() != null;
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
