package jts.fleet.controller.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The controller's end of one resident reader ({@code resident.sh}): a long-lived {@code sh} on the host,
 * started on its own session channel with a fixed list of read-only scripts, that runs one of them per
 * request. A shell session repeats the same reads (status, watch) many times; each plain SSH
 * command makes the host open a session, fork sshd, start a login shell, {@code timeout} and {@code sh} and
 * parse the script before it even begins, and the resident reader pays that once: a request is a fork of the
 * reader running the script as a function. Output, stderr and exit status come back byte for byte. The
 * deadline is kept here: a request past it kills the reader and everything it runs (see resident.sh for root
 * logins, where sshd refuses that signal).
 *
 * <p>One request at a time, read on the caller's thread ({@link SshTransport} runs a plain command when the
 * reader is busy). Any failure of the reader itself (end of stream, a marker that does not parse, a write that
 * fails) is a {@link Broken}: the caller discards the reader and runs the request as a plain command, which
 * reports the host's real condition. A request past its deadline kills the reader.
 */
final class ResidentShell implements AutoCloseable {
    /** The reader script (remote-checks' {@code resident.sh}). */
    static final String SCRIPT = jts.fleet.remote.script.ResidentScript.text();

    /** The reader's own lifetime on the host; a reader past it exits and the next request starts a new one. */
    static final Duration LIFETIME = Duration.ofHours(1);

    /** The reader failed, not the request: discard it and run the request as a plain command. */
    static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message);
        }

        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request ran past its deadline; the reader has been killed. */
    static final class DeadlineExceeded extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The request printed more than its cap on {@link #stream()}; the reader has been killed. */
    static final class OutputLimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;
        private final String stream;

        OutputLimitExceeded(String stream) {
            super(stream + " over the output cap");
            this.stream = stream;
        }

        String stream() {
            return stream;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One daemon thread for every reader's deadline. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jts-resident-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final String hostName;
    private final List<String> scripts;
    private final Session session;
    private final Session.Command command;
    private final OutputStream requests;
    private final Stream stdout;
    private final Stream stderr;
    private long seq;
    private volatile boolean broken;
    private volatile boolean deadlinePassed;

    private ResidentShell(String hostName, List<String> scripts, Session session, Session.Command command,
            String nonce) {
        this.hostName = hostName;
        this.scripts = scripts;
        this.session = session;
        this.command = command;
        this.requests = command.getOutputStream();
        this.stdout = new Stream("stdout", command.getInputStream(), new ResidentFrames(nonce));
        this.stderr = new Stream("stderr", command.getErrorStream(), new ResidentFrames(nonce));
    }

    /**
     * Starts the reader on {@code session} (which it then owns) with {@code scripts}, numbered from 1 in that
     * order. Nothing is waited for: a reader that cannot start shows up as {@link Broken} on the first request.
     */
    static ResidentShell start(String hostName, Session session, List<String> scripts) throws IOException {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        List<String> args = new java.util.ArrayList<>();
        args.add(nonce);
        args.addAll(scripts);
        String line = new RemoteCommand(SCRIPT, args, LIFETIME, false).shellLine();
        Session.Command command = session.exec(line);
        return new ResidentShell(hostName, List.copyOf(scripts), session, command, nonce);
    }

    /** True when an argument can travel as one request line (no line break, no NUL). */
    static boolean fitsRequest(List<String> args) {
        for (String arg : args) {
            if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0 || arg.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs script number {@code index} with {@code args}, waiting at most {@code timeout} plus {@code grace};
     * past that the reader and the request are killed ({@link DeadlineExceeded}).
     *
     * @return exit status, stdout, stderr and the time the request took
     */
    ExecResult run(int index, List<String> args, Duration timeout, Duration grace)
            throws Broken, DeadlineExceeded, InterruptedException {
        try {
            return run(index, args, timeout, grace, Integer.MAX_VALUE - 16);
        } catch (OutputLimitExceeded e) {
            throw new IllegalStateException("no output cap was set", e);
        }
    }

    /**
     * The same with an output cap: a request that prints more than {@code limit} bytes on either stream kills
     * the reader ({@link OutputLimitExceeded}); what it printed so far is dropped, so the controller holds at
     * most about that much per stream.
     */
    ExecResult run(int index, List<String> args, Duration timeout, Duration grace, long limit)
            throws Broken, DeadlineExceeded, InterruptedException, OutputLimitExceeded {
        Objects.checkIndex(index - 1, scripts.size());
        if (!fitsRequest(args)) {
            throw new IllegalArgumentException("argument with a line break cannot travel to the resident reader");
        }
        if (broken) {
            throw new Broken(hostName + ": resident reader is broken");
        }
        long id = ++seq;
        StringBuilder request = new StringBuilder();
        request.append(id).append(' ').append(index).append(' ').append(args.size()).append('\n');
        for (String arg : args) {
            request.append(arg).append('\n');
        }
        long started = System.nanoTime();
        // The deadline kills the reader from the shared timer thread; that ends the reads below.
        ScheduledFuture<?> watchdog = DEADLINES.schedule(this::deadlinePassed, timeout.plus(grace).toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            try {
                requests.write(request.toString().getBytes(StandardCharsets.UTF_8));
                requests.flush();
            } catch (IOException e) {
                broken = true;
                throw new Broken(hostName + ": resident reader does not take requests: " + e.getMessage(), e);
            }
            // Read here, on the caller's thread: no hand-over between threads per request. stdout first, then
            // stderr: the fixed read-only scripts write little to stderr, far below the channel window, so
            // the reader never blocks on an unread stderr while stdout is read.
            ResidentFrames.Frame out = next(stdout, id, limit);
            ResidentFrames.Frame err = next(stderr, id, limit);
            if (out.status() != err.status()) {
                broken = true;
                throw new Broken(hostName + ": resident reader reported two statuses for request " + id);
            }
            return new ExecResult(out.status(), out.output(), new String(err.output(), StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            watchdog.cancel(false);
            if (Thread.interrupted()) {
                broken = true;
                kill();
                throw new InterruptedException(hostName + ": interrupted");
            }
        }
    }

    /** The next frame of {@code stream}, which must answer request {@code id}. */
    private ResidentFrames.Frame next(Stream stream, long id, long limit)
            throws Broken, DeadlineExceeded, InterruptedException, OutputLimitExceeded {
        ResidentFrames.Frame frame;
        try {
            frame = stream.next(limit);
        } catch (OutputLimitExceeded e) {
            broken = true;
            kill();
            throw e;
        } catch (java.io.InterruptedIOException e) {
            broken = true;
            kill();
            throw new InterruptedException(hostName + ": interrupted");
        } catch (IOException | ResidentFrames.ProtocolException e) {
            broken = true;
            if (deadlinePassed) {
                throw new DeadlineExceeded();
            }
            throw new Broken(hostName + ": resident reader ended: " + e.getMessage(), e);
        }
        if (frame.seq() != id) {
            broken = true;
            throw new Broken(hostName + ": resident reader answered request " + frame.seq() + " for " + id);
        }
        return frame;
    }

    private void deadlinePassed() {
        deadlinePassed = true;
        broken = true;
        // End both streams here, now: sshj ends them only when sshd closes the channel, and sshd waits for the
        // command to exit, which on a root login (KILL refused) can be much later. The caller wakes at once.
        Quietly.close(command.getInputStream());
        Quietly.close(command.getErrorStream());
        kill();
    }

    /** One output stream of the reader, cut into frames as it is read. */
    private static final class Stream {
        private final String name;
        private final InputStream in;
        private final ResidentFrames framer;
        private final java.util.ArrayDeque<ResidentFrames.Frame> ready = new java.util.ArrayDeque<>();
        private final byte[] chunk = new byte[32 * 1024];

        Stream(String name, InputStream in, ResidentFrames framer) {
            this.name = name;
            this.in = in;
            this.framer = framer;
        }

        /** The next frame; past {@code limit} bytes without one (or in one) the request is over its cap. */
        ResidentFrames.Frame next(long limit) throws IOException, ResidentFrames.ProtocolException,
                OutputLimitExceeded {
            while (ready.isEmpty()) {
                int n = in.read(chunk);
                if (n < 0) {
                    throw new IOException("end of stream" + (framer.pendingBytes() > 0
                            ? " (" + framer.pendingBytes() + " bytes of an unfinished request)" : ""));
                }
                ready.addAll(framer.feed(chunk, n));
                if (ready.isEmpty() && framer.pendingBytes() > limit) {
                    throw new OutputLimitExceeded(name);
                }
            }
            ResidentFrames.Frame frame = ready.poll();
            if (frame.output().length > limit) {
                throw new OutputLimitExceeded(name);
            }
            return frame;
        }
    }

    /** True until the reader failed or ran past a deadline. */
    boolean usable() {
        return !broken && command.isOpen();
    }

    /**
     * Stops the reader and whatever it runs: a KILL signal to the session's process group (sshd delivers it
     * with killpg; it refuses signals on root logins, where the request's own {@code timeout} and the reader's
     * lifetime still apply), then the channel is closed, on a thread of its own because closing a channel
     * whose command still runs can block in sshj.
     */
    private void kill() {
        ChannelExec.abandon(hostName + "-resident-kill", session, command);
    }

    /** Ends the reader: end of its stdin ends its loop; the channel is then closed. */
    @Override
    public void close() {
        broken = true;
        Quietly.inBackground(hostName + "-resident-close", () -> {
            Quietly.close(requests);
            Quietly.close(session);
        });
    }
}
