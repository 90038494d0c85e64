package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliRun;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.testing.NamespaceChain;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;

/**
 * A bastion fleet through both front ends: hosts in a network namespace that only the bastion's namespace reaches,
 * written in the inventory with {@code proxy_jump}. {@code jts-fleet status} with forks and a {@code jts-fleet
 * shell} session each use one connection to the bastion (its sshd log counts them); a second bastion leads one
 * host further; a bastion that cannot be reached fails its hosts with the hop named.
 */
class BastionAccessIT {
    private static final String USER = SshdFixture.NO_SUDO_USER;
    private static final int FLEET = 4;

    @TempDir
    static Path dir;
    static NamespaceChain net;
    static SshdFixture bastion;
    static SshdFixture fleet;
    static SshdFixture inner;
    static SshdFixture far;
    static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        SshdFixture.require();
        Environment.requireTool("ip");
        net = NamespaceChain.create(3);
        bastion = SshdFixture.builder().inNamespace(net.name(0), net.address(0), List.of(22)).noSudoUser().start();
        fleet = SshdFixture.builder().inNamespace(net.name(1), net.address(1),
                IntStream.rangeClosed(2201, 2200 + FLEET).boxed().toList()).noSudoUser().start();
        inner = SshdFixture.builder().inNamespace(net.name(1), net.address(1), List.of(22)).noSudoUser().start();
        far = SshdFixture.builder().inNamespace(net.name(2), net.address(2), List.of(22)).noSudoUser().start();
        List<String> lines = new ArrayList<>();
        for (SshdFixture sshd : List.of(bastion, fleet, inner, far)) {
            sshd.ports().forEach(port -> lines.add(sshd.knownHostsLine(port)));
        }
        knownHosts = Files.writeString(dir.resolve("known_hosts"), String.join("\n", lines) + "\n");
    }

    @AfterAll
    static void stop() {
        for (SshdFixture sshd : new SshdFixture[] {bastion, fleet, inner, far}) {
            if (sshd != null) {
                sshd.close();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    private static String entry(String name, SshdFixture sshd, int port, Optional<String> jump, String group) {
        return "  " + name + ": {address: " + sshd.address() + ", port: " + port + ", user: " + USER
                + ", become: none, identity_file: \"" + sshd.ed25519Identity() + "\", known_hosts: \"" + knownHosts
                + "\"" + jump.map(j -> ", proxy_jump: \"" + j + "\"").orElse("") + ", groups: [" + group + "]}\n";
    }

    /** The fleet behind {@code jump}, the bastions as inventory hosts of group {@code jump}. */
    private static Path inventory(String name, String jump) throws Exception {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        yaml.append(entry("bastion", bastion, 22, Optional.empty(), "jump"));
        yaml.append("  bastion-down: {address: " + bastion.address() + ", port: 2999, user: " + USER
                + ", become: none, identity_file: \"" + bastion.ed25519Identity() + "\", known_hosts: \"" + knownHosts
                + "\", groups: [jump]}\n");
        yaml.append(entry("inner", inner, 22, Optional.empty(), "jump"));
        for (int i = 0; i < FLEET; i++) {
            yaml.append(entry(SshdFixture.hostName(i), fleet, fleet.ports().get(i), Optional.of(jump), "fleet"));
        }
        yaml.append(entry("far-01", far, 22, Optional.of("bastion,inner"), "far"));
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }

    private static int bastionLogins() {
        return bastion.logLines("Accepted publickey for " + USER).size();
    }

    /** Bastion logins since {@code before}, once there is one (sshd logs a login after the session goes on). */
    private static int bastionLoginsSince(int before) throws InterruptedException {
        return bastion.awaitLogLines("Accepted publickey for " + USER, before + 1).size() - before;
    }

    private static JsonNode hosts(String json) throws Exception {
        return Json.MAPPER.readTree(json.substring(json.indexOf('{'), json.lastIndexOf('}') + 1)).path("hosts");
    }

    @Test
    void theCliReachesTheFleetThroughOneBastionConnection() throws Exception {
        int before = bastionLogins();
        CliRun run = CliRun.of("status", "--inventory", inventory("cli", "bastion").toString(), "-H", "fleet",
                "--forks", Integer.toString(FLEET), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hosts(run.out())).hasSize(FLEET)
                .allSatisfy(h -> assertThat(h.path("status").asText()).isEqualTo("ok"));
        assertThat(bastionLoginsSince(before)).as("bastion logins for %d hosts with --forks %d", FLEET, FLEET)
                .isEqualTo(1);
    }

    @Test
    void theShellKeepsOneBastionConnectionForTheWholeSession() throws Exception {
        int before = bastionLogins();
        try (ShellHarness h = new ShellHarness(inventory("shell", "bastion"), "", Optional.empty())) {
            h.shell.execute(List.of("status", "-H", "fleet", "--forks", Integer.toString(FLEET), "-o", "json"));
            assertThat(hosts(h.output())).allSatisfy(host -> assertThat(host.path("status").asText()).isEqualTo("ok"));
            h.shell.execute(List.of("status", "-H", "fleet", "-o", "json"));
            h.shell.execute(List.of("hosts", "-H", "fleet"));
            assertThat(h.output()).containsPattern("h01 +" + java.util.regex.Pattern.quote(fleet.address()) + ":2201 +connected");
        }
        assertThat(bastionLoginsSince(before)).isEqualTo(1);
    }

    @Test
    void aTwoHopChainReachesTheFarNamespaceThroughCliAndShell() throws Exception {
        Path inventory = inventory("two-hop", "bastion");
        CliRun run = CliRun.of("status", "--inventory", inventory.toString(), "-H", "far", "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            h.shell.execute(List.of("status", "-H", "far", "-o", "json"));
            assertThat(hosts(h.output()).get(0).path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void anUnreachableBastionFailsItsHostsNamingTheHop() throws Exception {
        Path inventory = inventory("down", "bastion-down");
        CliRun run = CliRun.of("status", "--inventory", inventory.toString(), "-H", "fleet", "--forks",
                Integer.toString(FLEET), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
        String hop = "jump host bastion-down (" + USER + "@" + bastion.address() + ":2999): cannot connect to "
                + bastion.address() + ":2999";
        JsonNode cli = hosts(run.out());
        for (int i = 0; i < FLEET; i++) {
            assertThat(cli.get(i).path("status").asText()).isEqualTo("unreachable");
            assertThat(cli.get(i).path("error").asText()).startsWith(SshdFixture.hostName(i) + ": " + hop);
        }
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            h.shell.execute(List.of("status", "-H", "h01", "-o", "json"));
            assertThat(hosts(h.output()).get(0).path("error").asText()).startsWith("h01: " + hop);
        }
    }
}
