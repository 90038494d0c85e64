package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;

/**
 * In the shell, a command's --accept-new-host-keys did nothing: the session's pool kept the transport (and the
 * strict host-key policy) it made first. A host that has not connected yet now connects with the command's
 * settings, against a real sshd whose key is in no known_hosts.
 */
class ShellHostKeysIT {
    @Sshd(noSudoUser = true)
    static SshdFixture sshd;

    @TempDir
    static Path temp;

    @Test
    void aCommandsAcceptNewHostKeysAppliesToAHostNotConnectedYet() throws Exception {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
        Path inventory = sshd.writeInventory(temp.resolve("inventory.yaml"), List.of(new SshdFixture.InventoryHost(
                "box", sshd.ports().get(0), SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), false, Optional.empty(),
                List.of("it"))), knownHosts);
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            assertThat(h.shell.execute(List.of("status", "-H", "box"))).isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(h.output()).contains("box: host_key:");
            assertThat(Files.readString(knownHosts)).isEmpty();

            assertThat(h.shell.execute(List.of("status", "-H", "box", "--accept-new-host-keys")))
                    .as(h.output()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sshd.ports().get(0));
        }
    }
}
