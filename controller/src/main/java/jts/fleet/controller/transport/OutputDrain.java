package jts.fleet.controller.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one stream into memory on its own thread. stdout and stderr are always drained at the same time:
 * the SSH channel window (2 MiB) or a pipe buffer fills when only one side is read and the command blocks.
 */
final class OutputDrain {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile IOException failure;

    private OutputDrain(InputStream in, String name) {
        thread = new Thread(() -> copy(in), name);
        thread.setDaemon(true);
    }

    static OutputDrain start(InputStream in, String name) {
        OutputDrain drain = new OutputDrain(in, name);
        drain.thread.start();
        return drain;
    }

    /** Writes {@code data} then closes {@code out} on a separate thread, so a full pipe cannot block us. */
    static Thread feed(OutputStream out, byte[] data, String name) {
        Thread feeder = new Thread(() -> {
            try (out) {
                out.write(data);
                out.flush();
            } catch (IOException e) {
                // The command exited without reading all of stdin; its exit status tells the story.
            }
        }, name);
        feeder.setDaemon(true);
        feeder.start();
        return feeder;
    }

    private void copy(InputStream in) {
        byte[] chunk = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buffer) {
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Waits at most {@code millis} (at least 1) for end of stream; true when it was reached. */
    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    byte[] bytes() {
        synchronized (buffer) {
            return buffer.toByteArray();
        }
    }

    IOException failure() {
        return failure;
    }
}
