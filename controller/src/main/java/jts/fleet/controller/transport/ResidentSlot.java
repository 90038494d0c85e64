package jts.fleet.controller.transport;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The place of one transport's resident reader ({@link ResidentShell}): which scripts it may run, the reader
 * itself (started with the first call that may use it, holding one channel of the {@link ChannelGate} for as
 * long as it lives) and how often it broke. It only ever makes a command faster: a call it cannot take (busy with
 * another, sudo, stdin, an argument with a line break, no free channel, a reader that broke) is left to a plain
 * command, which reports the host's real condition; three readers broken in a row and no more are started.
 */
final class ResidentSlot {
    /** Resident readers that may break in a row before a transport stops starting them. */
    private static final int MAX_FAILURES = 3;

    private final String hostName;
    private final ChannelGate gate;
    private final OutputLimits limits;
    private volatile List<String> scripts = List.of();
    private final ReentrantLock lock = new ReentrantLock();
    // Written under lock; read without it only by running() and close().
    private volatile ResidentShell reader;
    private int failures; // guarded by lock: readers that broke in a row

    ResidentSlot(String hostName, ChannelGate gate, OutputLimits limits) {
        this.hostName = hostName;
        this.gate = gate;
        this.limits = limits;
    }

    /** The scripts the reader runs, numbered from 1 in this order. */
    void keep(List<String> value) {
        this.scripts = List.copyOf(value);
    }

    /** True while a reader is running on the host. */
    boolean running() {
        ResidentShell current = reader;
        return current != null && current.usable();
    }

    /**
     * Runs {@code command} through the reader, starting one when none runs; empty when the reader cannot take
     * it (then the caller runs a plain command). The result is the host's, not yet judged
     * ({@link RemoteCommand#checked}).
     */
    Optional<ExecResult> tryRun(RemoteCommand command, byte[] stdin, long outputLimit) throws TransportException {
        // number of the script among the reader's (from 1), 0 when the reader cannot take this call
        int index = command.sudo() || (stdin != null && stdin.length > 0) ? 0 : scripts.indexOf(command.script()) + 1;
        if (index == 0 || !ResidentShell.fitsRequest(command.args()) || !lock.tryLock()) {
            return Optional.empty();
        }
        try {
            if (failures >= MAX_FAILURES) {
                return Optional.empty();
            }
            ResidentShell shell = reader();
            if (shell == null) {
                return Optional.empty();
            }
            ExecResult result;
            try {
                result = shell.run(index, command.args(), command.timeout(), RemoteCommand.GRACE, outputLimit);
            } catch (ResidentShell.OutputLimitExceeded e) {
                discard();
                throw limits.exceeded(hostName, e.stream(), outputLimit);
            } catch (ResidentShell.Broken e) {
                failures++;
                discard();
                return Optional.empty();
            } catch (ResidentShell.DeadlineExceeded e) {
                discard();
                throw new TransportException(FailureClass.TIMEOUT, hostName + ": command timed out after "
                        + command.timeout().toSeconds() + " s (resident reader abandoned and sent KILL; on a root "
                        + "login sshd refuses that signal and the read may run on until its next write)");
            } catch (InterruptedException e) {
                discard();
                Thread.currentThread().interrupt();
                throw new TransportException(FailureClass.TIMEOUT, hostName + ": interrupted, command abandoned", e);
            }
            failures = 0;
            return Optional.of(result);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops an idle reader and starts no other on this transport; false when there is none or it is busy (then
     * it gives its channel back when its request ends).
     */
    boolean dropIdle() {
        if (reader == null || !lock.tryLock()) {
            return false;
        }
        try {
            if (reader == null) {
                return false;
            }
            failures = MAX_FAILURES;
            discard();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the reader, if any (its channel goes with the connection). */
    void close() {
        ResidentShell current = reader;
        if (current != null) {
            current.close();
        }
    }

    /** The running reader, or a new one; null when no channel is free for it. Needs the lock. */
    private ResidentShell reader() throws TransportException {
        ResidentShell current = reader;
        if (current != null && current.usable()) {
            return current;
        }
        discard();
        if (!gate.tryAcquire()) {
            return null;
        }
        Session session = null;
        try {
            session = gate.open();
            reader = ResidentShell.start(hostName, session, scripts);
            return reader;
        } catch (IOException e) {
            failures++;
            gate.release();
            Quietly.close(session);
            return null;
        } catch (TransportException | RuntimeException e) {
            gate.release();
            throw e;
        }
    }

    /** Stops the reader, if any, and frees its channel. Needs the lock. */
    private void discard() {
        ResidentShell current = reader;
        if (current != null) {
            reader = null;
            current.close();
            gate.release();
        }
    }
}
