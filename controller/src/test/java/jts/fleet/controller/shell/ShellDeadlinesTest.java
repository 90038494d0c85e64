package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.cli.SettingsOverrides;
import jts.fleet.controller.testing.DrippingBannerServer;

/**
 * In the shell, deadlines come from the command, else from the shell's own options (they were ignored: the
 * session's pool kept the connect timeout it was built with), against a host whose banner never ends.
 */
class ShellDeadlinesTest {
    @TempDir
    Path temp;

    /**
     * The 2 s deadlines below are about the network: the SSH client's one-time start in this JVM (sshj, the
     * BouncyCastle provider, which the connect deadline covers) took more than 2 s on a loaded machine and the
     * first test saw "no TCP connection". A connect refused at once, with a generous deadline, does that start.
     */
    @BeforeAll
    static void startTheSshClientOnce(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path identity = java.nio.file.Files.writeString(dir.resolve("id_ed25519"), "never read\n");
        Path knownHosts = java.nio.file.Files.writeString(dir.resolve("known_hosts"), "");
        Path inventory = ShellHarness.writeInventory(dir, "defaults: {become: none}\nhosts:\n"
                + "  refused: {address: 127.0.0.1, port: " + closed + ", identity_file: \"" + identity
                + "\", known_hosts: \"" + knownHosts + "\"}\n");
        try (ShellHarness h = new ShellHarness(inventory, "status --connect-timeout 60s\n", Optional.empty())) {
            h.shell.run();
            assertThat(h.output()).as("the client started and tried").contains("cannot connect to 127.0.0.1:" + closed);
        }
    }

    private Path inventory(DrippingBannerServer server) throws Exception {
        return ShellHarness.writeInventory(temp, "defaults: {become: none}\nhosts:\n"
                + server.inventoryEntry(temp, "drip") + "  alpha: {connection: local}\n");
    }

    @Test
    void aCommandsConnectTimeoutAppliesInTheShell() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start();
             ShellHarness h = new ShellHarness(inventory(server), "status --connect-timeout 2s\n",
                     Optional.empty())) {
            long started = System.nanoTime();
            h.shell.run();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertEndedAtTwoSeconds(h.output());
            assertThat(h.output()).contains("alpha");
        }
    }

    @Test
    void theShellsOwnTimeoutsAreEveryCommandsDefault() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start();
             ShellHarness h = new ShellHarness(inventory(server), "status\n", Optional.empty())) {
            h.context.setSessionOverrides(new SettingsOverrides(Optional.of(Duration.ofSeconds(2)), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            long started = System.nanoTime();
            h.shell.run();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertEndedAtTwoSeconds(h.output());
        }
    }

    /**
     * The drip host's connect ended at the 2 s given, not at the built-in 10 s. Usually as a timeout waiting for
     * the banner; on a loaded machine the first connect of the JVM (sshj and BouncyCastle loading) may not have
     * reached the TCP connect within 2 s, and then the same deadline ends it as unreachable.
     */
    private static void assertEndedAtTwoSeconds(String output) {
        assertThat(output).containsPattern("drip: (timeout: drip: connect to \\S+ did not finish within 2 s"
                + "|unreachable: drip: connect to \\S+ timed out after 2 s)");
    }

    /**
     * Ctrl-C during apply in the shell is the same graceful stop as in the CLI: the host being read ends at its
     * deadline, the others are not started, the command ends with 130 and the shell stays usable.
     */
    @Test
    void ctrlCDuringApplyStartsNoFurtherHost() throws Exception {
        StringBuilder yaml = new StringBuilder("defaults: {become: none}\nhosts:\n");
        Path tree = Path.of(ShellDeadlinesTest.class.getResource("/hostile/plain-nvme.tree").toURI());
        for (String name : List.of("h1", "h2")) {
            jts.fleet.remote.model.SysrootTree.build(tree, temp.resolve(name));
            yaml.append("  ").append(name).append(": {connection: local, sysroot: \"").append(temp.resolve(name))
                    .append("\"}\n");
        }
        yaml.append("policy: {tiers: [{name: hot, match: {classes: [nvme]}, queue: {read_ahead_kb: 128}}]}\n");
        Path fifo = temp.resolve("h1/sys/block/nvme0n1/queue/nomerges");
        java.nio.file.Files.delete(fifo);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        try (ShellHarness h = new ShellHarness(ShellHarness.writeInventory(temp, yaml.toString()), "",
                Optional.empty())) {
            int[] code = {-1};
            Thread typed = new Thread(() -> code[0] = h.shell.execute(List.of("apply", "--yes", "--forks", "1", "--timeout",
                    "3s")));
            typed.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (h.context.activeStop().map(s -> s.inFlight().isEmpty()).orElse(true)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            h.shell.interruptRunning();
            typed.join(Duration.ofSeconds(60).toMillis());
            assertThat(typed.isAlive()).isFalse();
            assertThat(code[0]).as(h.output()).isEqualTo(jts.fleet.controller.ExitCodes.INTERRUPTED);
            assertThat(h.output()).contains("interrupted: no further host or step is started")
                    .contains("h2: not started: interrupted (Ctrl-C)");
            assertThat(temp.resolve("h2/var/lib/jts-fleet/state.json")).doesNotExist();
            assertThat(h.shell.execute(List.of("use", "h2"))).isEqualTo(jts.fleet.controller.ExitCodes.OK);
        }
    }
}
