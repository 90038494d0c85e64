package jts.fleet.controller.transport;

import java.time.Duration;
import java.util.List;

/**
 * A way to run fixed scripts on one host. Implementations: SshTransport (sshj) and
 * LocalTransport. One instance holds one connection and is reused for every step of a command
 * (and across commands in the shell). Thread-safe for concurrent {@link #exec} calls up to a small number
 * of channels.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs {@code script} on the host as {@code sh -c script jts-fleet args...}, wrapped in
     * {@code timeout -k 5 <timeout>} (so it dies on the host when the deadline passes) and preceded by
     * {@code sudo -n} when {@code become} is set and the login user is not root (see {@link RemoteCommand}).
     * Arguments are quoted by the transport; callers must still validate them. {@code stdin} may be empty.
     * The timeout counts from the start of the command; connecting has its own deadline.
     *
     * @return the exit status and both output streams, drained concurrently; a non-zero exit is a result,
     *         not an exception
     * @throws TransportException when the host cannot be reached, authentication or the host key fails,
     *         sudo needs a password, the deadline passes, or the command prints more than the transport's read
     *         cap ({@link OutputLimits#readBytes()}, then it is stopped on the host)
     */
    ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException;

    /**
     * The same with an output cap of the caller's own instead of the transport's read cap (a benchmark's documents
     * are larger than any read): past {@code outputLimit} bytes on stdout or stderr the command is stopped on the
     * host and the call fails with {@link FailureClass#OUTPUT_LIMIT}. Transports without caps ignore it.
     */
    default ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        return exec(script, args, stdin, timeout, become);
    }

    /**
     * Starts {@code script} as a long-running command whose stdout is read as it comes (one channel for its
     * whole life), as {@code sh -c script jts-fleet args...} wrapped in {@code timeout -k 5 <lifetime>} like
     * {@link #exec}: the host ends it after {@code lifetime} even when the controller is gone. Never with
     * {@code sudo}: streams are read-only samplers.
     *
     * A wrapping transport must pass this on; one that cannot stream (a test double of one-shot scripts) keeps
     * this default, which fails the host with a message saying so.
     *
     * @throws TransportException when the host cannot be reached or no channel can be had
     */
    default StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        throw new TransportException(FailureClass.COMMAND, hostName() + ": this transport cannot stream a command");
    }

    /** Host name from the inventory, for messages. */
    String hostName();

    /** Round-trip latency of the last exec, or of a no-op when none ran yet. */
    Duration lastLatency();

    /** True while the underlying connection is usable. */
    boolean isConnected();

    @Override
    void close();
}
