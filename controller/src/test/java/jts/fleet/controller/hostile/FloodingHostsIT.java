package jts.fleet.controller.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.testing.Environment;

/**
 * Hosts whose every command prints without end: a real sshd with {@code ForceCommand yes} (a broken login
 * shell or a hostile host). It took the controller to 3.5 GB, and with a heap limit to an OutOfMemoryError
 * reported as "unreachable". Now past the output cap the command is stopped and the host is {@code failed}
 * with class {@code output_limit}, on the plain and the resident (shell) paths.
 */
class FloodingHostsIT {
    @Sshd(hosts = 2, config = "ForceCommand yes", noSudoUser = true)
    static SshdFixture sshd;
    private static Path knownHosts;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSshd() throws Exception {
        Environment.requireTool("pgrep");
        knownHosts = sshd.writeKnownHosts();
    }

    private static HostSpec host(int index) {
        return sshd.host(index, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
    }

    private static SshOptions options(long cap) {
        return SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))
                .withOutputLimits(new OutputLimits(cap, cap));
    }

    /** No {@code yes} of the test login is left on the host some seconds after the controller stopped it. */
    private static void assertYesStopped() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            Thread.sleep(200);
            status = new ProcessBuilder("pgrep", "-u", SshdFixture.NO_SUDO_USER, "-x", "yes").start().waitFor();
        } while (status == 0 && System.nanoTime() < deadline);
        assertThat(status).as("'yes' still runs for %s on the host", SshdFixture.NO_SUDO_USER).isNotZero();
    }

    @Test
    void aCommandPastTheCapIsStoppedOnTheHostAndFailsWithOutputLimit() throws Exception {
        try (SshTransport transport = new SshTransport(host(0), options(1L << 20))) {
            long started = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> transport.exec("echo hello", List.of(), new byte[0], Duration.ofSeconds(60), false));
            assertThat(e).isNotNull();
            assertThat(e.failureClass()).as(e.getMessage()).isEqualTo(FailureClass.OUTPUT_LIMIT);
            assertThat(e.getMessage()).startsWith("h01: the command printed more than 1 MiB on stdout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
        assertYesStopped();
    }

    @Test
    void theResidentReaderOfTheShellKeepsTheCapToo() throws Exception {
        try (SshTransport transport = new SshTransport(host(1), options(1L << 20))) {
            transport.keepResident(List.of(GatherScript.text()));
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> transport.exec(GatherScript.text(), List.of(), new byte[0], Duration.ofSeconds(60), false));
            assertThat(e).isNotNull();
            assertThat(e.failureClass()).as(e.getMessage()).isEqualTo(FailureClass.OUTPUT_LIMIT);
            assertThat(transport.residentRunning()).isFalse();
        }
        assertYesStopped();
    }

    @Test
    void aControllerWithASmallHeapReportsOutputLimitNotUnreachable() throws Exception {
        Path inventory = Files.writeString(temp.resolve("inventory.yaml"), "defaults: {become: none}\nhosts:\n"
                + "  flood-1: {address: 127.0.0.1, port: " + sshd.ports().get(0) + ", user: " + SshdFixture.NO_SUDO_USER
                + ", identity_file: \"" + sshd.ed25519Identity() + "\", known_hosts: \"" + knownHosts + "\"}\n"
                + "  flood-2: {address: 127.0.0.1, port: " + sshd.ports().get(1) + ", user: " + SshdFixture.NO_SUDO_USER
                + ", identity_file: \"" + sshd.ed25519Identity() + "\", known_hosts: \"" + knownHosts + "\"}\n"
                + "  here: {connection: local}\n");
        try (CliProcess cli = CliProcess.start(temp, Optional.empty(), List.of("-Xmx64m"), "status",
                "--inventory", inventory.toString(), "-o", "json")) {
            Optional<CliProcess.Line> exit = cli.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as(cli.toString()).isPresent();
            assertThat(exit.get().text()).as(cli.toString()).isEqualTo(Integer.toString(ExitCodes.HOST_FAILED));
            var doc = jts.fleet.controller.e2e.JsonSchemas.validate("status", cli.out());
            assertThat(doc.path("hosts").get(0).path("failure").asText()).as(cli.toString()).isEqualTo("output_limit");
            assertThat(doc.path("hosts").get(1).path("failure").asText()).as(cli.toString()).isEqualTo("output_limit");
            assertThat(doc.path("hosts").get(2).path("status").asText()).isEqualTo("ok");
            assertThat(cli.err()).doesNotContain("OutOfMemory").doesNotContain("unreachable");
        }
        assertYesStopped();
    }
}
