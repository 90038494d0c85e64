package jts.fleet.controller.transport;

import java.io.InputStream;

/**
 * A command read while it runs (the watch sampler): its stdout arrives as the host writes it; its stderr is
 * collected for the message when it ends early. It holds one channel (or process) until it ends or is closed.
 * {@link #close()} never blocks the caller: it closes the channel (or kills the process), and a script
 * writing to a closed channel dies on its next write; the host-side {@code timeout} bounds it in any case.
 */
public interface StreamingCommand extends AutoCloseable {
    /** What a streaming command may write to stderr before it is stopped (its stdout is bounded by its reader). */
    long MAX_STDERR_BYTES = 64 << 10;

    /** What the command writes to stdout, as it comes; end of stream when it exits or the channel closes. */
    InputStream stdout();

    /**
     * What the command wrote to stderr (at most {@link #MAX_STDERR_BYTES}), for messages once its stdout ended:
     * waits up to {@link #LAST_WORDS_MILLIS} for stderr to end too, since the two streams are read apart.
     */
    String stderr();

    /** How long {@link #stderr()} waits for the rest of a command's stderr. */
    long LAST_WORDS_MILLIS = 1000;

    @Override
    void close();
}
