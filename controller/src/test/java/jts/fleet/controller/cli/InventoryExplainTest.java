package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;

/** {@code inventory list --explain HOST} and bad ssh_config input, through the CLI as a user runs it. */
class InventoryExplainTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void explainNamesTheFileAndLineOfEveryValue() throws Exception {
        Path config = write("ssh_config", """
                Host bastion
                  HostName bastion.example.com
                  User ops
                Host db-*
                  User jts
                  ProxyJump bastion
                  IdentityFile ~/.ssh/jts_%h
                """);
        Path inventory = write("fleet.yaml", """
                defaults:
                  become: sudo
                groups:
                  prod:
                    vars: {port: 2222}
                hosts:
                  db-01: {address: 10.0.0.1, groups: [prod]}
                """);
        CliRun text = CliRun.of("inventory", "list", "--inventory", inventory.toString(), "--ssh-config",
                config.toString(), "--explain", "db-01");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("db-01  (inventory " + inventory + "; ssh_config read for 'db-01': "
                + config + ")");
        assertThat(text.out()).containsPattern("address +10\\.0\\.0\\.1 +" + inventory + ":7 hosts.db-01.address");
        assertThat(text.out()).containsPattern("port +2222 +" + inventory + ":5 groups.prod.vars.port");
        assertThat(text.out()).containsPattern("user +jts +" + config + ":5 User");
        assertThat(text.out()).containsPattern("become +sudo +" + inventory + ":2 defaults.become");
        assertThat(text.out()).containsPattern("proxy_jump\\[1\\] +bastion = ops@bastion.example.com:22 +" + config
                + ":2 HostName");
        assertThat(text.out()).containsPattern("ssh_config +" + config + " +command line --ssh-config");

        CliRun json = CliRun.of("inventory", "list", "--inventory", inventory.toString(), "--ssh-config",
                config.toString(), "--explain", "db-01", "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode doc = jts.fleet.controller.e2e.JsonSchemas.validate("inventory-explain", json.out());
        assertThat(doc.path("host").asText()).isEqualTo("db-01");
        assertThat(doc.path("lookup_name").asText()).isEqualTo("db-01");
        JsonNode identity = null;
        for (JsonNode s : doc.path("settings")) {
            if (s.path("setting").asText().equals("identity_file")) {
                identity = s;
            }
        }
        assertThat(identity).isNotNull();
        assertThat(identity.path("source").asText()).isEqualTo("ssh_config");
        assertThat(identity.path("file").asText()).isEqualTo(config.toString());
        assertThat(identity.path("line").asInt()).isEqualTo(7);
        assertThat(identity.path("key").asText()).isEqualTo("IdentityFile");
        assertThat(identity.path("value").asText()).endsWith("/.ssh/jts_10.0.0.1");
    }

    @Test
    void explainingAnUnknownHostIsAUsageError() throws Exception {
        Path inventory = write("fleet.yaml", "hosts:\n  db-01: {}\n");
        CliRun run = CliRun.of("inventory", "list", "--inventory", inventory.toString(), "--ssh-config", "none",
                "--explain", "db-02");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--explain: 'db-02' is not a host of " + inventory);
    }

    @Test
    void aBadSshConfigLineFailsTheCommandNamingFileAndLine() throws Exception {
        Path config = write("ssh_config", "Host db-01\n  Port 22\n  Port twenty-two\n");
        Path inventory = write("fleet.yaml", "hosts:\n  db-01: {}\n");
        CliRun run = CliRun.of("inventory", "check", "--inventory", inventory.toString(), "--ssh-config",
                config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(config + ":3: Port: bad port 'twenty-two' (1..65535)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownKeywordIsIgnoredAndShownAsANote() throws Exception {
        Path config = write("ssh_config", "Host *\n  Port 2200\n  PubkeyAcceptedKeyTypez +ssh-rsa\n");
        Path inventory = write("fleet.yaml", "hosts:\n  db-01: {}\n");
        CliRun check = CliRun.of("inventory", "check", "--inventory", inventory.toString(), "--ssh-config",
                config.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
        CliRun explain = CliRun.of("inventory", "list", "--inventory", inventory.toString(), "--ssh-config",
                config.toString(), "--explain", "db-01");
        assertThat(explain.out()).contains("notes:\n  " + config + ":3: unknown keyword 'PubkeyAcceptedKeyTypez' "
                + "ignored");
        assertThat(explain.out()).containsPattern("port +2200");
    }
}
