package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.FreePort;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;

/**
 * A host that exists only in ssh_config: the inventory names it ({@code bar-target: {}}) and address, port, user,
 * key and known_hosts come from the OpenSSH configuration, as for {@code ssh bar-target}; {@code status} reaches a
 * real sshd with them, and a value in the inventory wins over the configuration's.
 */
class SshConfigStatusIT {
    @TempDir
    static Path dir;

    @Sshd
    static SshdFixture sshd;
    static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        knownHosts = sshd.writeKnownHosts();
    }

    private static Path sshConfig(int port) throws Exception {
        Path config = dir.resolve("ssh_config-" + port);
        Files.writeString(config, """
                # what an operator already has for `ssh bar-target`
                Host bar-*
                  HostName 127.0.0.1
                  Port %d
                  User root
                  IdentityFile %s
                  UserKnownHostsFile %s
                  ServerAliveInterval 5
                  SendEnv LANG
                Host *
                  IdentitiesOnly yes
                """.formatted(port, sshd.ed25519Identity(), knownHosts));
        return config;
    }

    @Test
    void statusReachesAHostKnownOnlyToSshConfig() throws Exception {
        Path config = sshConfig(sshd.ports().get(0));
        Path inventory = dir.resolve("name-only.yaml");
        Files.writeString(inventory, "hosts:\n  bar-target: {}\n");

        CliRun status = CliRun.of("status", "--inventory", inventory.toString(), "--ssh-config", config.toString(),
                "--connect-timeout", "5s", "-o", "json");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.OK);
        JsonNode host = Json.MAPPER.readTree(status.out()).path("hosts").get(0);
        assertThat(host.path("host").asText()).isEqualTo("bar-target");
        assertThat(host.path("status").asText()).as(status.toString()).isEqualTo("ok");
        assertThat(host.path("devices").size()).isPositive();

        CliRun explain = CliRun.of("inventory", "list", "--inventory", inventory.toString(), "--ssh-config",
                config.toString(), "--explain", "bar-target", "-o", "json");
        assertThat(explain.exitCode()).as(explain.toString()).isZero();
        JsonNode settings = Json.MAPPER.readTree(explain.out()).path("settings");
        assertThat(setting(settings, "port").path("value").asText()).isEqualTo(sshd.ports().get(0).toString());
        assertThat(setting(settings, "port").path("from").asText()).isEqualTo(config + ":4 Port");
        assertThat(setting(settings, "known_hosts").path("value").asText()).isEqualTo(knownHosts.toString());
        assertThat(setting(settings, "identities_only").path("from").asText()).isEqualTo(config + ":11 IdentitiesOnly");
    }

    @Test
    void theShellReachesHostsKnownOnlyToSshConfigWithSeveralForks() throws Exception {
        Path config = sshConfig(sshd.ports().get(0));
        Path inventory = dir.resolve("names-only.yaml");
        Files.writeString(inventory, "hosts:\n  bar-one: {}\n  bar-two: {}\n  bar-three: {}\n");
        try (CliProcess shell = CliProcess.start(dir, Optional.empty(), List.of(),
                Map.of("XDG_STATE_HOME", dir.resolve("xdg").toString()), "shell", "--inventory",
                inventory.toString(), "--ssh-config", config.toString(), "--connect-timeout", "5s")) {
            shell.type("status --forks 3 -o json\n");
            shell.closeStdin();
            Optional<CliProcess.Line> exit = shell.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as(shell.toString()).isPresent();
            assertThat(exit.get().text()).as(shell.toString()).isEqualTo("0");
            String json = shell.out().substring(shell.out().indexOf('{'), shell.out().lastIndexOf('}') + 1);
            JsonNode hosts = Json.MAPPER.readTree(json).path("hosts");
            assertThat(hosts).as(shell.toString()).hasSize(3);
            for (JsonNode h : hosts) {
                assertThat(h.path("status").asText()).as(shell.toString()).isEqualTo("ok");
            }
        }
    }

    @Test
    void theInventorysPortWinsOverTheConfigsAndTheInventoryCanNameTheConfig() throws Exception {
        Path wrong = sshConfig(FreePort.unused());
        Path inventory = dir.resolve("with-port.yaml");
        Files.writeString(inventory, """
                defaults:
                  ssh_config: %s
                hosts:
                  bar-target: {port: %d}
                  bar-down: {}
                """.formatted(wrong, sshd.ports().get(0)));
        CliRun status = CliRun.of("status", "--inventory", inventory.toString(), "--connect-timeout", "3s",
                "-o", "json");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
        JsonNode hosts = Json.MAPPER.readTree(status.out()).path("hosts");
        assertThat(hosts.get(0).path("status").asText()).as(status.toString()).isEqualTo("ok");
        assertThat(hosts.get(1).path("host").asText()).isEqualTo("bar-down");
        assertThat(hosts.get(1).path("status").asText()).isEqualTo("unreachable");
    }

    private static JsonNode setting(JsonNode settings, String name) {
        for (JsonNode s : settings) {
            if (s.path("setting").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no setting " + name + " in " + settings);
    }
}
