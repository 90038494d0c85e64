package jts.fleet.controller.monitor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.transport.StreamingCommand;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.SampleFrames;
import jts.fleet.remote.stats.DiskStatsException;

/**
 * The controller's end of one host's sampler ({@code watch-stream.sh}): ONE long-running command that prints a
 * frame of counters every interval, stamped with the host's monotonic clock. A reader on its own thread turns
 * the frames into {@link Arrival}s; the engine takes what arrived since its last look. A sampler that ends
 * (its own lifetime, a dropped connection, garbage) leaves one {@link Arrival.Ended} and is started again when
 * the engine next asks ({@link #ensureRunning}); the transport reconnects by itself. Closing closes the channel,
 * which ends the sampler on the host on its next write.
 */
final class HostSampler implements AutoCloseable {
    /** Frames waiting beyond this many are dropped and counted, so a stalled engine cannot grow memory. */
    static final int MAX_WAITING = 256;
    /** Longest line read from a sampler. */
    static final int MAX_LINE_BYTES = 64 << 10;

    /** What the reader saw: a frame, or the end of the sampler with the reason. */
    sealed interface Arrival {
        record Sampled(SampleFrames.Frame frame) implements Arrival {
        }

        /** {@code expected}: the sampler reached its own lifetime (a clean end, restarted without a message). */
        record Ended(String reason, boolean expected) implements Arrival {
        }
    }

    private final WatchTarget target;
    private final Function<String, Transport> transports;
    private final Duration interval;
    private final Duration lifetime;
    private final ExecutorService readers;
    private final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Object lock = new Object();
    private boolean running; // guarded by lock
    private boolean closed; // guarded by lock
    private StreamingCommand command; // guarded by lock
    private long dropped; // guarded by lock

    HostSampler(WatchTarget target, Function<String, Transport> transports, Duration interval, Duration lifetime,
                ExecutorService readers) {
        this.target = target;
        this.transports = transports;
        this.interval = interval;
        this.lifetime = lifetime;
        this.readers = readers;
    }

    String host() {
        return target.host();
    }

    /** Starts the sampler on a reader thread unless one runs (connecting happens there, never on the caller). */
    void ensureRunning() {
        synchronized (lock) {
            if (running || closed) {
                return;
            }
            running = true;
        }
        readers.execute(this::readUntilEnd);
    }

    /** Whatever arrived since the last call, in order; waits up to {@code wait} when nothing has. */
    List<Arrival> take(Duration wait) throws InterruptedException {
        List<Arrival> out = new ArrayList<>();
        Arrival first = arrivals.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        if (first != null) {
            out.add(first);
            arrivals.drainTo(out);
        }
        return out;
    }

    /** Frames dropped because the engine did not take them in time (reset by the call). */
    long takeDropped() {
        synchronized (lock) {
            long n = dropped;
            dropped = 0;
            return n;
        }
    }

    private void readUntilEnd() {
        long started = System.nanoTime();
        StreamingCommand stream = null;
        String reason;
        boolean expected = false;
        try {
            stream = transports.apply(target.host()).stream(HostReads.streamScript(),
                    HostReads.streamArgs(interval, lifetime, target.sysroot()), lifetime);
            synchronized (lock) {
                if (closed) {
                    stream.close();
                    return;
                }
                command = stream;
            }
            SampleFrames frames = new SampleFrames(target.host());
            InputStream in = new BufferedInputStream(stream.stdout(), 64 << 10);
            for (String line = readLine(in); line != null; line = readLine(in)) {
                var frame = frames.line(line);
                if (frame.isPresent()) {
                    offer(new Arrival.Sampled(frame.get()));
                }
            }
            expected = Duration.ofNanos(System.nanoTime() - started).compareTo(lifetime) >= 0;
            String stderr = stream.stderr().strip();
            reason = target.host() + ": sampler ended" + (stderr.isEmpty() ? "" : ": " + HostScriptRunner.firstLine(stderr));
        } catch (TransportException | DiskStatsException e) {
            reason = e.getMessage();
        } catch (IOException e) {
            reason = target.host() + ": sampler stream broke: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = target.host() + ": sampler failed: " + e;
        }
        if (stream != null) {
            stream.close();
        }
        boolean wasClosed;
        synchronized (lock) {
            running = false;
            command = null;
            wasClosed = closed;
        }
        if (!wasClosed) {
            offer(new Arrival.Ended(reason, expected));
        }
    }

    /**
     * One line without its break, null at the end of the stream; a line longer than {@link #MAX_LINE_BYTES}
     * (no diskstats line comes near) fails the stream, so a host cannot make the controller buffer without end.
     */
    private String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("a line of over " + (MAX_LINE_BYTES >> 10) + " KiB");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void offer(Arrival arrival) {
        if (!arrivals.offer(arrival)) {
            synchronized (lock) {
                dropped++;
            }
        }
    }

    @Override
    public void close() {
        StreamingCommand stream;
        synchronized (lock) {
            closed = true;
            stream = command;
            command = null;
        }
        if (stream != null) {
            stream.close();
        }
    }
}
