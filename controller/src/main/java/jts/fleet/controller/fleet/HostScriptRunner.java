package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.List;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * How a fixed host script runs on one host, decided in one place: through {@code sudo -n} when it needs root and
 * the inventory says {@code become: sudo}, within the deadline given, and a non-zero exit turned into a
 * {@link FailureClass#COMMAND} failure naming the host, the script and the first line of its error output. The
 * transport quotes the arguments and wraps the command in {@code timeout}; commands and engines say what runs.
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
        ExecResult result = transport.exec(script, args, stdin, timeout, asRoot && sudo(host));
        if (!result.ok()) {
            throw failure(host, name + " exited " + result.exitCode(), result.stderr());
        }
        return result;
    }

    /** {@code host: WHAT: first line of stderr} (or without the last part when stderr is empty). */
    public static TransportException failure(HostSpec host, String what, String stderr) {
        String detail = firstLine(stderr);
        return new TransportException(FailureClass.COMMAND, host.name() + ": " + what
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The first non-blank line of {@code text}, stripped; "" when there is none. */
    public static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
    }
}
