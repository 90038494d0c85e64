package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.FreePort;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;

/**
 * {@code status --inventory ansible:PATH --policy FILE} against real sshd: the hosts, ports, users and keys come
 * from an Ansible INI inventory with group_vars/, the known_hosts file and the tiers from jts-fleet's policy file;
 * patterns work on the Ansible groups.
 */
class AnsibleStatusIT {
    @TempDir
    static Path dir;

    @Sshd(hosts = 2)
    static SshdFixture sshd;

    @Test
    void statusOfAnAnsibleGroupOverRealSsh() throws Exception {
        Path inventory = dir.resolve("ansible/hosts");
        Files.createDirectories(inventory.getParent().resolve("group_vars"));
        Files.writeString(inventory, """
                [db]
                db-01 ansible_port=%d
                db-02 ansible_port=%d

                [web]
                web-01 ansible_port=%d

                [prod:children]
                db
                web
                """.formatted(sshd.ports().get(0), sshd.ports().get(1), FreePort.unused()));
        Files.writeString(inventory.getParent().resolve("group_vars/all.yml"), """
                ansible_host: 127.0.0.1
                ansible_user: root
                ansible_ssh_private_key_file: %s
                """.formatted(sshd.ed25519Identity()));
        Path policy = dir.resolve("jts-fleet.yaml");
        Files.writeString(policy, """
                defaults:
                  known_hosts: %s
                  ssh_config: none
                """.formatted(sshd.writeKnownHosts()));

        CliRun db = CliRun.of("status", "--inventory", "ansible:" + inventory, "--policy", policy.toString(),
                "--hosts", "prod:&db", "--connect-timeout", "5s", "--forks", "2", "-o", "json");
        assertThat(db.exitCode()).as(db.toString()).isEqualTo(ExitCodes.OK);
        JsonNode hosts = Json.MAPPER.readTree(db.out()).path("hosts");
        assertThat(hosts).hasSize(2);
        for (JsonNode h : hosts) {
            assertThat(h.path("status").asText()).as(db.toString()).isEqualTo("ok");
        }

        CliRun all = CliRun.of("status", "--inventory", "ansible:" + inventory, "--policy", policy.toString(),
                "--connect-timeout", "3s", "-o", "json");
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
        assertThat(all.err()).contains("web-01: unreachable");

        CliRun explain = CliRun.of("inventory", "list", "--inventory", "ansible:" + inventory, "--policy",
                policy.toString(), "--explain", "db-02");
        assertThat(explain.exitCode()).as(explain.toString()).isZero();
        assertThat(explain.out()).containsPattern("port +" + sshd.ports().get(1) + " +" + inventory + ":3 ansible_port");
        assertThat(explain.out()).containsPattern("user +root +" + inventory.getParent()
                + "/group_vars/all.yml:2 ansible_user");
        assertThat(explain.out()).containsPattern("known_hosts +\\S+ +" + policy + ":2 defaults.known_hosts");

        // the same in the shell, the policy now inline (group_vars/all.yml's jts_fleet instead of --policy)
        Files.writeString(inventory.getParent().resolve("group_vars/all.yml"), """
                ansible_host: 127.0.0.1
                ansible_user: root
                ansible_ssh_private_key_file: %s
                jts_fleet:
                  defaults:
                    known_hosts: %s
                    ssh_config: none
                """.formatted(sshd.ed25519Identity(), sshd.writeKnownHosts()));
        try (CliProcess shell = CliProcess.start(dir, Optional.empty(), List.of(),
                Map.of("XDG_STATE_HOME", dir.resolve("xdg").toString()), "shell", "--inventory",
                "ansible:" + inventory, "--connect-timeout", "5s")) {
            shell.type("status -H prod:&db --forks 2 -o json\n");
            shell.closeStdin();
            Optional<CliProcess.Line> exit = shell.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as(shell.toString()).isPresent();
            assertThat(exit.get().text()).as(shell.toString()).isEqualTo("0");
            String json = shell.out().substring(shell.out().indexOf('{'), shell.out().lastIndexOf('}') + 1);
            JsonNode inShell = Json.MAPPER.readTree(json).path("hosts");
            assertThat(inShell).as(shell.toString()).hasSize(2);
            for (JsonNode h : inShell) {
                assertThat(h.path("status").asText()).as(shell.toString()).isEqualTo("ok");
            }
        }
    }
}
