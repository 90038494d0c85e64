package jts.fleet.controller.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one shape every command takes on a host:
 * {@code [sudo -n] timeout -k 5 <seconds> sh -c '<script>' jts-fleet '<arg1>' ...}.
 * The script is fixed text from a resource and the arguments travel as positional parameters, so nothing is
 * ever interpolated into the script. {@code timeout} makes the command die on the host when its deadline
 * passes even if the controller is gone (a process started without a PTY outlives its closed channel).
 *
 * <p>{@code sudo} goes first, not between {@code timeout} and {@code sh}: {@code timeout} stops a command by
 * signalling its whole process group, and an unprivileged {@code timeout} may not signal the root processes
 * behind sudo (sudo relays only the one signal to its direct child, so grandchildren survived; the
 * {@code SshTransportIT} sudo timeout test caught this).
 *
 * <p>Over SSH the line starts with {@code exec}, so the login shell becomes {@code timeout} (or sudo) and the
 * command is the session's process group leader: {@code timeout} cannot move itself into a group of its own
 * (a session leader may not), and a signal request from an abandoned exec, which sshd delivers with
 * {@code killpg} on the session, reaches the whole command. sshd refuses signal requests on root logins and
 * cannot signal root processes behind sudo; there the host-side timeout is what stops an abandoned command.
 *
 * @param script  fixed script text, run by {@code sh -c}
 * @param args    positional parameters {@code $1...}
 * @param timeout deadline on the host; rounded up to whole seconds
 * @param sudo    prefix {@code sudo -n} (non-interactive: a password prompt becomes an error, not a hang)
 */
public record RemoteCommand(String script, List<String> args, Duration timeout, boolean sudo) {

    /** Grace period between TERM and KILL given to {@code timeout -k}. */
    public static final int KILL_AFTER_SECONDS = 5;

    /** {@code $0} of the script, so host-side messages say who ran it. */
    public static final String ARGV0 = "jts-fleet";

    public RemoteCommand {
        Objects.requireNonNull(script, "script");
        args = List.copyOf(args);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
    }

    /** Whole seconds given to {@code timeout}, rounded up so a 1.5 s deadline is not cut to 1 s. */
    public long timeoutSeconds() {
        long seconds = timeout.toSeconds();
        return timeout.minusSeconds(seconds).isZero() ? seconds : seconds + 1;
    }

    /** The argument vector, for a local {@code ProcessBuilder}. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (sudo) {
            argv.add("sudo");
            argv.add("-n");
        }
        argv.add("timeout");
        argv.add("-k");
        argv.add(Integer.toString(KILL_AFTER_SECONDS));
        argv.add(Long.toString(timeoutSeconds()));
        argv.add("sh");
        argv.add("-c");
        argv.add(script);
        argv.add(ARGV0);
        argv.addAll(args);
        return argv;
    }

    /**
     * The same vector as one shell line for an SSH exec request (the remote login shell parses it), prefixed
     * by {@code exec}. Fixed words stay bare; the script and every argument are single-quoted.
     */
    public String shellLine() {
        StringBuilder line = new StringBuilder("exec ");
        if (sudo) {
            line.append("sudo -n ");
        }
        line.append("timeout -k ").append(KILL_AFTER_SECONDS).append(' ').append(timeoutSeconds());
        line.append(" sh -c ").append(ShellQuote.quote(script)).append(' ').append(ARGV0);
        for (String arg : args) {
            line.append(' ').append(ShellQuote.quote(arg));
        }
        return line.toString();
    }

    /**
     * Time past the command timeout before the controller gives up waiting for the command itself. The
     * host-side {@code timeout} fires first and its exit status 124 is the normal way a timeout is reported.
     */
    static final Duration GRACE = Duration.ofSeconds(1);

    /**
     * {@code result}, or the failure it stands for, the same on every transport: {@code sudo -n} refused to run
     * without a password for {@code user}, or the host-side {@code timeout} stopped the command at its deadline.
     */
    ExecResult checked(String hostName, String user, ExecResult result) throws TransportException {
        if (sudo && isSudoRefusal(result.exitCode(), result.stderr())) {
            throw new TransportException(FailureClass.SUDO, hostName + ": sudo -n needs a password for " + user
                    + " (" + firstLine(result.stderr()) + "); allow NOPASSWD for it or set become: none");
        }
        if (isTimeoutStatus(result.exitCode()) && result.elapsed().compareTo(timeout) >= 0) {
            throw new TransportException(FailureClass.TIMEOUT, hostName + ": command timed out after "
                    + timeout.toSeconds() + " s (stopped on the host by timeout)");
        }
        return result;
    }

    /** Exit status of {@code timeout} when it had to stop the command. */
    static boolean isTimeoutStatus(int exitCode) {
        return exitCode == 124 || exitCode == 137;
    }

    /**
     * True when stderr shows that {@code sudo -n} refused to run without a password (or the user may not
     * sudo at all). sudo exits 1 in both cases; the messages are stable across sudo 1.8 and 1.9.
     */
    static boolean isSudoRefusal(int exitCode, String stderr) {
        if (exitCode != 1) {
            return false;
        }
        String text = stderr.toLowerCase(Locale.ROOT);
        return text.contains("sudo: a password is required")
                || text.contains("is not in the sudoers file")
                || text.contains("is not allowed to execute")
                || text.contains("sudo: a terminal is required");
    }

    /** First line of stderr, for error messages. */
    static String firstLine(String stderr) {
        String trimmed = stderr.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
