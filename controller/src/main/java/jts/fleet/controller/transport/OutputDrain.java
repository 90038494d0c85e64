package jts.fleet.controller.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Copies one stream into memory on its own thread, at most {@code limit} bytes. stdout and stderr are always
 * drained at the same time: the SSH channel window (2 MiB) or a pipe buffer fills when only one side is read
 * and the command blocks. A stream that goes past its limit stops being read, calls {@code overflow} once (the
 * transport stops the command on the host) and reports {@link #exceeded()}: a host that prints without end costs
 * the controller its limit, never more.
 */
final class OutputDrain {
    private final Thread thread;
    private final long limit;
    private final Runnable overflow;
    private byte[] buffer = new byte[8 * 1024]; // guarded by this
    private int count; // guarded by this
    private volatile boolean exceeded;
    private volatile IOException failure;

    private OutputDrain(InputStream in, String name, long limit, Runnable overflow) {
        this.limit = limit;
        this.overflow = overflow;
        // last: the copy starts with every field it reads set
        thread = Quietly.inBackground(name, () -> copy(in));
    }

    /** Drains {@code in} with no practical limit (tests and callers that bound the output themselves). */
    static OutputDrain start(InputStream in, String name) {
        return start(in, name, Integer.MAX_VALUE - 16, () -> { });
    }

    /** Drains at most {@code limit} bytes of {@code in}; past them {@code overflow} runs (once) and reading stops. */
    static OutputDrain start(InputStream in, String name, long limit, Runnable overflow) {
        return new OutputDrain(in, name, limit, overflow);
    }

    /** Writes {@code data} then closes {@code out} on a separate thread, so a full pipe cannot block us. */
    static Thread feed(OutputStream out, byte[] data, String name) {
        return Quietly.inBackground(name, () -> {
            try (out) {
                out.write(data);
                out.flush();
            } catch (IOException e) {
                // The command exited without reading all of stdin; its exit status tells the story.
            }
        });
    }

    private void copy(InputStream in) {
        byte[] chunk = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (!append(chunk, n)) {
                    exceeded = true;
                    overflow.run();
                    return; // stop reading: the command is being stopped, its stream closed
                }
            }
            in.close();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Adds {@code n} bytes; false (keeping what fits) when that goes past the limit. */
    private synchronized boolean append(byte[] chunk, int n) {
        long room = limit - count;
        int take = (int) Math.min(n, Math.max(0, room));
        if (count + take > buffer.length) {
            long grown = Math.max((long) buffer.length * 2, (long) count + take);
            buffer = Arrays.copyOf(buffer, (int) Math.min(grown, limit));
        }
        System.arraycopy(chunk, 0, buffer, count, take);
        count += take;
        return take == n;
    }

    /** Waits at most {@code millis} (at least 1) for end of stream (or the limit); true when it was reached. */
    /** For a streaming command's stderr once its stdout ended: up to {@link StreamingCommand#LAST_WORDS_MILLIS}. */
    static void awaitLastWords(OutputDrain drain) {
        try {
            drain.await(StreamingCommand.LAST_WORDS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    synchronized byte[] bytes() {
        return Arrays.copyOf(buffer, count);
    }

    /** True when the stream went past its limit (what was read up to it is in {@link #bytes()}). */
    boolean exceeded() {
        return exceeded;
    }

    IOException failure() {
        return failure;
    }
}
