package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;

/**
 * The resident reader (resident.sh behind {@link SshTransport#keepResident}) against a real sshd: the same bytes
 * as a plain command, one host process for many requests, deadlines that kill what ran past them, and a reader
 * that dies on the host replaced without the caller noticing.
 */
class ResidentShellIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    /** Prints its arguments bracketed, the reader's pid ($$ of the shell that runs it), and writes to stderr. */
    private static final String ECHO = "for a in \"$@\"; do printf '[%s]' \"$a\"; done; printf ' pid=%s' \"$$\"; "
            + "echo ' warning' >&2; exit 7";
    private static final String SLEEP = "sleep \"$1\"";
    @Sshd(noSudoUser = true)
    static SshdFixture sshd;
    private static Path knownHosts;

    @BeforeAll
    static void startSshd() throws Exception {
        Environment.requireTool("pgrep");
        knownHosts = sshd.writeKnownHosts();
    }

    /** An unprivileged /bin/sh login: sshd delivers signals to its sessions (it refuses them on root logins). */
    private static SshTransport transport(boolean resident) {
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
        SshTransport ssh = new SshTransport(host, SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)));
        if (resident) {
            ssh.keepResident(List.of(ECHO, SLEEP));
        }
        return ssh;
    }

    private static String pid(ExecResult result) {
        String out = result.stdoutText();
        return out.substring(out.indexOf("pid=") + 4);
    }

    @Test
    void sameBytesAsAPlainCommandFromOneHostProcess() throws Exception {
        List<String> args = List.of("plain", "with space", "it's", "$(touch /tmp/jts-pwned)", "`id`", "*", "", "-n");
        try (SshTransport plain = transport(false); SshTransport resident = transport(true)) {
            ExecResult expected = plain.exec(ECHO, args, new byte[0], COMMAND, false);
            ExecResult first = resident.exec(ECHO, args, new byte[0], COMMAND, false);
            ExecResult second = resident.exec(ECHO, args, new byte[0], COMMAND, false);
            assertThat(resident.residentRunning()).isTrue();
            for (ExecResult got : List.of(first, second)) {
                assertThat(got.exitCode()).isEqualTo(7);
                assertThat(got.stderr()).isEqualTo(expected.stderr()).isEqualTo(" warning\n");
                assertThat(got.stdoutText().replaceAll("pid=\\d+", "pid=N"))
                        .isEqualTo(expected.stdoutText().replaceAll("pid=\\d+", "pid=N"))
                        .isEqualTo("[plain][with space][it's][$(touch /tmp/jts-pwned)][`id`][*][][-n] pid=N");
            }
            assertThat(pid(second)).as("both requests ran in the one resident reader").isEqualTo(pid(first));
            assertThat(pid(plain.exec(ECHO, args, new byte[0], COMMAND, false)))
                    .as("a plain command gets a shell of its own").isNotEqualTo(pid(expected));
            assertThat(Files.exists(Path.of("/tmp/jts-pwned"))).isFalse();
        }
    }

    @Test
    void onlyRegisteredScriptsWithoutStdinTakeTheResidentWay() throws Exception {
        try (SshTransport resident = transport(true)) {
            String reader = pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false));
            assertThat(pid(resident.exec(ECHO, List.of("two\nlines"), new byte[0], COMMAND, false)))
                    .as("an argument with a line break cannot travel as a request line").isNotEqualTo(reader);
            assertThat(pid(resident.exec(ECHO, List.of(), "stdin".getBytes(StandardCharsets.UTF_8), COMMAND,
                    false))).as("stdin").isNotEqualTo(reader);
            ExecResult other = resident.exec("printf 'pid=%s' \"$$\"", List.of(), new byte[0], COMMAND, false);
            assertThat(pid(other)).as("a script the reader was not started with").isNotEqualTo(reader);
            assertThat(pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false))).isEqualTo(reader);
        }
    }

    @Test
    void aRequestPastItsDeadlineIsKilledAndTheNextStartsAFreshReader() throws Exception {
        String marker = "41.25"; // an argument nothing else on this machine sleeps with
        try (SshTransport resident = transport(true)) {
            String reader = pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false));
            long started = System.nanoTime();
            TransportException timeout = catchThrowableOfType(
                    () -> resident.exec(SLEEP, List.of(marker), new byte[0], Duration.ofSeconds(2), false),
                    TransportException.class);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(timeout).isNotNull();
            assertThat(timeout.failureClass()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(timeout.getMessage()).contains("timed out after 2 s").contains("resident reader abandoned");
            assertThat(tookMs).as("deadline 2 s plus 1 s grace").isBetween(2_000L, 8_000L);
            assertThat(waitUntilGone("sleep " + marker)).as("the sleep was killed on the host").isTrue();
            assertThat(waitUntilGone("^sh -c .*jts-resident")).as("and so was its reader").isTrue();
            String next = pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false));
            assertThat(next).isNotEqualTo(reader);
            assertThat(resident.residentRunning()).isTrue();
        }
    }

    /** sshd refuses the KILL on root logins and keeps the channel open while the command runs: the caller still wakes. */
    @Test
    void onARootLoginTheCallerStillReturnsAtTheDeadline() throws Exception {
        String marker = "27.75";
        HostSpec root = sshd.host(0, "root", sshd.ed25519Identity(), knownHosts, false);
        try (SshTransport resident = new SshTransport(root, SshOptions.defaults().withConnectTimeout(
                Duration.ofSeconds(5)))) {
            resident.keepResident(List.of(ECHO, SLEEP));
            resident.exec(ECHO, List.of(), new byte[0], COMMAND, false);
            long started = System.nanoTime();
            TransportException timeout = catchThrowableOfType(
                    () -> resident.exec(SLEEP, List.of(marker), new byte[0], Duration.ofSeconds(1), false),
                    TransportException.class);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(timeout).isNotNull();
            assertThat(timeout.failureClass()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(tookMs).as("deadline 1 s plus 1 s grace, not the 27 s sleep").isLessThan(6_000L);
            assertThat(resident.exec(ECHO, List.of("after"), new byte[0], COMMAND, false).stdoutText())
                    .startsWith("[after] pid=");
        } finally {
            new ProcessBuilder("pkill", "-f", "sleep " + marker).start().waitFor();
        }
    }

    /** A host whose sshd allows one session: the reader gives way to the plain command instead of failing it. */
    @Test
    void theReaderGivesWayOnAHostWithOneSession() throws Exception {
        try (SshdFixture single = SshdFixture.builder().maxSessions(1).noSudoUser().start()) {
            HostSpec host = single.host(0, SshdFixture.NO_SUDO_USER, single.ed25519Identity(),
                    single.writeKnownHosts(), false);
            try (SshTransport ssh = new SshTransport(host, SshOptions.defaults())) {
                ssh.keepResident(List.of(ECHO, SLEEP));
                ssh.exec(ECHO, List.of(), new byte[0], COMMAND, false);
                assertThat(ssh.residentRunning()).isTrue();
                ExecResult plain = ssh.exec("echo plain", List.of(), new byte[0], COMMAND, false);
                assertThat(plain.stdoutText()).isEqualTo("plain\n");
                assertThat(ssh.residentRunning()).as("given up for this transport").isFalse();
                assertThat(ssh.exec(ECHO, List.of("x"), new byte[0], COMMAND, false).stdoutText())
                        .startsWith("[x] pid=");
                assertThat(ssh.residentRunning()).isFalse();
            }
        }
    }

    @Test
    void aReaderKilledOnTheHostIsReplacedWithoutAnError() throws Exception {
        try (SshTransport resident = transport(true)) {
            String reader = pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false));
            Process kill = new ProcessBuilder("kill", "-9", reader).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            ExecResult after = resident.exec(ECHO, List.of("again"), new byte[0], COMMAND, false);
            assertThat(after.exitCode()).isEqualTo(7);
            assertThat(after.stdoutText()).startsWith("[again] pid=");
            String replacement = pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false));
            assertThat(replacement).isNotEqualTo(reader);
            assertThat(pid(resident.exec(ECHO, List.of(), new byte[0], COMMAND, false))).isEqualTo(replacement);
        }
    }

    /** Polls pgrep -f for up to 10 s; true once no process of the test user matches. */
    private static boolean waitUntilGone(String pattern) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Process p = new ProcessBuilder("pgrep", "-u", SshdFixture.NO_SUDO_USER, "-f", pattern)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 1) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
