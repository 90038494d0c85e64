package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.List;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.HostText;

/**
 * How a fixed host script runs on one host, decided in one place: through {@code sudo -n} when it needs root and
 * the inventory says {@code become: sudo}, within the deadline given, and a non-zero exit or an answer the
 * script's parser refuses turned into a {@link FailureClass#COMMAND} failure naming the host, the script and the
 * first line of its error output. The transport quotes the arguments and wraps the command in {@code timeout};
 * commands and engines say what runs.
 */
public final class HostScriptRunner {
    private HostScriptRunner() {
    }

    /** Whether a script that needs root runs through sudo on this host: the one reading of {@code become}. */
    public static boolean sudo(HostSpec host) {
        return host.become() == HostSpec.Become.SUDO;
    }

    /**
     * Runs {@code script} (called {@code name} in messages) and returns its result when it exited 0.
     *
     * @param asRoot whether the script needs root (writes); read-only scripts run as the login user
     */
    public static ExecResult run(Transport transport, HostSpec host, String name, String script, List<String> args,
            byte[] stdin, Duration timeout, boolean asRoot) throws TransportException {
        ExecResult result = exec(transport, host, script, args, stdin, timeout, asRoot);
        if (!result.ok()) {
            throw failure(host, name + " exited " + result.exitCode(), result.stderr());
        }
        return result;
    }

    /**
     * Runs {@code script} and returns its result whatever its exit status: for scripts whose exit codes are part
     * of their answer (a trim that refused, a script that is not installed); the caller reads them.
     *
     * @param asRoot whether the script needs root (writes); read-only scripts run as the login user
     */
    public static ExecResult exec(Transport transport, HostSpec host, String script, List<String> args,
            byte[] stdin, Duration timeout, boolean asRoot) throws TransportException {
        return transport.exec(script, args, stdin, timeout, asRoot && sudo(host));
    }

    /** {@link #exec} with a cap on what the script may print ({@code outputLimit} bytes; past it: {@code output_limit}). */
    public static ExecResult exec(Transport transport, HostSpec host, String script, List<String> args,
            byte[] stdin, Duration timeout, boolean asRoot, long outputLimit) throws TransportException {
        return transport.exec(script, args, stdin, timeout, asRoot && sudo(host), outputLimit);
    }

    /** {@code host: WHAT: first line of stderr} (or without the last part when stderr is empty). */
    public static TransportException failure(HostSpec host, String what, String stderr) {
        String detail = firstLine(stderr);
        return new TransportException(FailureClass.COMMAND, host.name() + ": " + what
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** {@code host: WHAT: first line of stderr (exit N)}: a step that failed, in the install and status scripts' words. */
    public static TransportException exitFailure(HostSpec host, String what, ExecResult result) {
        return new TransportException(FailureClass.COMMAND, host.name() + ": " + what + ": "
                + firstLine(result.stderr()) + " (exit " + result.exitCode() + ")");
    }

    /**
     * A script's answer its parser refused (the parser's message names the host): a {@link FailureClass#COMMAND}
     * failure, the parser's exception as the cause.
     */
    public static TransportException unusableAnswer(Exception parserFailure) {
        return new TransportException(FailureClass.COMMAND, parserFailure.getMessage(), parserFailure);
    }

    /** {@link #unusableAnswer(Exception)} for a parser whose sentence does not name the host: {@code host: WHAT: sentence}. */
    public static TransportException unusableAnswer(HostSpec host, String what, Exception parserFailure) {
        return new TransportException(FailureClass.COMMAND, host.name() + ": " + what + ": "
                + parserFailure.getMessage(), parserFailure);
    }

    /** The first non-blank line of {@code text}, stripped; "" when there is none ({@link HostText#firstLine}). */
    public static String firstLine(String text) {
        return HostText.firstLine(text);
    }
}
