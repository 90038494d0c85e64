package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
            assertThat(h.output()).contains("drip: timeout:").contains("within 2 s").contains("alpha");
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
            assertThat(h.output()).contains("drip: timeout:").contains("within 2 s");
        }
    }
}
