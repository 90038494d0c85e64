package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.tree.CommandTree;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (Class<?> sub : CommandTree.subcommands()) {
            String name = sub.getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(run.out()).as("--help names %s", name).contains(name);
        }
        assertThat(run.out()).contains("Exit codes:").contains("11  at least one host unreachable");
    }

    /** Command lists show each command's first sentence whole, never a hand-wrapped line cut mid-sentence. */
    @Test
    void commandListsShowWholeSentences() {
        String top = CliRun.of("--help").out().replaceAll("\\s+", " ");
        assertThat(top).contains("shell Interactive prompt: every command without the jts-fleet prefix, connections kept "
                + "between commands, Tab completion, history; plus use, hosts, diskstats, top, run-check, journal.");
        String bench = CliRun.of("bench", "--help").out().replaceAll("\\s+", " ");
        assertThat(bench).contains("compare Compare two runs per host, profile and metric (exit 5 on a regression), or "
                + "each host against the fleet median of its tier (--fleet RUN).");
    }

    /** Commands that never connect list no connection options. */
    @Test
    void offlineCommandsShowNoSshOptions() {
        for (String[] command : new String[][] {{"render", "alerts"}, {"render", "dashboard"}, {"inventory", "list"},
                {"inventory", "check"}}) {
            String help = CliRun.of(command[0], command[1], "--help").out();
            assertThat(help).as(String.join(" ", command)).contains("--inventory").doesNotContain("--forks")
                    .doesNotContain("--connect-timeout").doesNotContain("--accept-new-host-keys")
                    .doesNotContain("--timeout");
        }
        assertThat(CliRun.of("status", "--help").out()).contains("--forks").contains("--accept-new-host-keys");
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        for (Class<?> sub : CommandTree.subcommands()) {
            String name = sub.getAnnotation(picocli.CommandLine.Command.class).name();
            CliRun help = CliRun.of(name, "--help");
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.out()).contains("Usage:");
            CliRun version = CliRun.of(name, "--version");
            assertThat(version.exitCode()).as(version.toString()).isZero();
            assertThat(version.out()).startsWith("jts-fleet ");
        }
    }

    @Test
    void versionNamesTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("(?s)jts-fleet \\d+\\.\\d+\\.\\d+.*Java 1?\\d.*");
    }

    /** A group named without a subcommand lists its subcommands on stdout and exits 2 (CommandTree.missingSubcommand). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"'', status", "bench, compare", "inventory, check",
            "monitor, run-once", "render, dashboard"})
    void aGroupWithoutASubcommandPrintsItsUsage(String group, String oneSubcommand) {
        CliRun run = group.isEmpty() ? CliRun.of() : CliRun.of(group);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).startsWith("Usage: jts-fleet").contains("Commands:").contains("  " + oneSubcommand);
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRun run = CliRun.of("status", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void malformedInventoryNamesFileLineAndKey() throws IOException {
        Path inv = dir.resolve("bad.yaml");
        Files.writeString(inv, """
                hosts:
                  db-01: {address: 10.0.0.1}
                  db-02: {address: 10.0.0.2, port: 70000}
                """);
        CliRun run = CliRun.of("status", "--inventory", inv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("bad.yaml:3").contains("hosts.db-02.port").contains("70000");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownKeyIsRejectedWithLine() throws IOException {
        Path inv = dir.resolve("typo.yaml");
        Files.writeString(inv, """
                defaults:
                  usr: jts
                hosts:
                  db-01: {address: 10.0.0.1}
                """);
        CliRun run = CliRun.of("inventory", "check", "--inventory", inv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("typo.yaml:2").contains("usr");
    }

    @Test
    void patternSelectingNothingIsUsageError() throws IOException {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, "hosts:\n  db-01: {address: 10.0.0.1, groups: [prod]}\n");
        CliRun run = CliRun.of("status", "--inventory", inv.toString(), "--hosts", "prod:!db-01");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("prod:!db-01");
    }

    @Test
    void listHostsPrintsTheSelectionWithoutConnecting() throws IOException {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, """
                hosts:
                  db-01: {address: 192.0.2.1, groups: [prod, hot]}
                  db-02: {address: 192.0.2.2, groups: [prod]}
                  db-03: {address: 192.0.2.3, groups: [prod, hot]}
                """);
        CliRun run = CliRun.of("status", "--inventory", inv.toString(), "--hosts", "prod:&hot:!db-03",
                "--list-hosts");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("hosts (1)").contains("db-01").doesNotContain("db-02").doesNotContain("db-03");
    }

    @Test
    void inventoryListJson() throws Exception {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, """
                defaults: {user: jts, become: sudo}
                hosts:
                  db-01: {address: 192.0.2.1, groups: [prod]}
                  db-02: {address: 192.0.2.2, port: 2222, groups: [prod]}
                """);
        CliRun run = CliRun.of("inventory", "list", "--inventory", inv.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out());
        assertThat(doc.path("hosts")).hasSize(2);
        assertThat(doc.path("hosts").get(1).path("port").asInt()).isEqualTo(2222);
        assertThat(doc.path("hosts").get(0).path("become").asText()).isEqualTo("sudo");
        assertThat(doc.path("hosts").get(0).path("tiers").toString()).contains("hot").contains("warm").contains("cold");
    }

    @Test
    void inventoryCheckJsonSaysValidOrNamesTheError() throws Exception {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, "hosts:\n  db-01: {address: 192.0.2.1, groups: [prod]}\n  db-02: {address: 192.0.2.2}\n");
        CliRun ok = CliRun.of("inventory", "check", "--inventory", inv.toString(), "-H", "prod", "-o", "json");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(ok.out());
        assertThat(doc.path("valid").asBoolean()).isTrue();
        assertThat(doc.path("hosts").asInt()).isEqualTo(2);
        assertThat(doc.path("selected").toString()).isEqualTo("[\"db-01\"]");

        Files.writeString(inv, "hosts:\n  db-01: {address: 192.0.2.1, port: 0}\n");
        CliRun bad = CliRun.of("inventory", "check", "--inventory", inv.toString(), "-o", "json");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = Json.MAPPER.readTree(bad.out());
        assertThat(error.path("valid").asBoolean()).isFalse();
        assertThat(error.path("error").asText()).contains("inv.yaml:2").contains("hosts.db-01.port");
        assertThat(bad.err()).contains("inv.yaml:2");
    }

    @Test
    void unknownBenchRunIsAUsageErrorWithASentence() {
        CliRun run = CliRun.of("bench", "show", "20990101T000000Z-ffff", "--store", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("jts-fleet: no bench run 20990101T000000Z-ffff in " + dir)
                .contains("bench list").doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void checkUsageErrorsAreNagiosUnknown() throws IOException {
        CliRun option = CliRun.of("check", "--no-such-option");
        assertThat(option.exitCode()).as(option.toString()).isEqualTo(3);
        assertThat(option.out()).startsWith("JTS-FLEET STORAGE UNKNOWN - Unknown option");
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, "hosts:\n  db-01: {address: 192.0.2.1}\n");
        CliRun nothing = CliRun.of("check", "--inventory", inv.toString(), "-H", "db-09");
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(3);
        assertThat(nothing.out()).startsWith("JTS-FLEET STORAGE UNKNOWN - ").contains("db-09");
    }

    /** The embedded default inventory reads this machine through the local transport. */
    @Test
    void statusOfThisMachineFollowsTheJsonContract() throws Exception {
        CliRun run = CliRun.of("status", "--inventory", embeddedCopy().toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode host = Json.MAPPER.readTree(run.out()).path("hosts").get(0);
        assertThat(host.path("host").asText()).isEqualTo("local");
        assertThat(host.path("status").asText()).isEqualTo("ok");
        assertThat(host.path("error").isNull()).isTrue();
        JsonNode devices = host.path("devices");
        assertThat(devices.size()).isPositive();
        for (JsonNode d : devices) {
            for (String key : new String[] {"name", "class", "class_reason", "tier", "hidden", "parent", "slaves",
                "rotational", "size_bytes", "model", "serial", "wwn", "scheduler", "queue", "discard", "mounts"}) {
                assertThat(d.has(key)).as("device %s has %s", d.path("name"), key).isTrue();
            }
        }
        for (JsonNode m : host.path("mounts")) {
            for (String key : new String[] {"path", "source", "fstype", "device", "leaf_devices", "tier", "network",
                "online_discard"}) {
                assertThat(m.has(key)).as("mount %s has %s", m.path("path"), key).isTrue();
            }
        }
    }

    @Test
    void reportDirGetsOneFilePerHostAndSummary() throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = CliRun.of("status", "--inventory", embeddedCopy().toString(), "--report", reports.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(reports.resolve("local.json")).exists();
        JsonNode summary = Json.MAPPER.readTree(reports.resolve("fleet-summary.json").toFile());
        assertThat(summary.path("hosts").get(0).path("host").asText()).isEqualTo("local");
        assertThat(summary.path("recap").path("ok").asInt()).isEqualTo(1);
    }

    @Test
    void badSerialIsUsageErrorBeforeAnyHost() throws IOException {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, "hosts:\n  db-01: {address: 192.0.2.1}\n");
        CliRun run = CliRun.of("apply", "--inventory", inv.toString(), "--serial", "abc");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--serial abc");
        CliRun maxFail = CliRun.of("rollback", "--inventory", inv.toString(), "--max-fail", "150%");
        assertThat(maxFail.exitCode()).as(maxFail.toString()).isEqualTo(ExitCodes.USAGE);
    }

    /** A host inside its blackout window is refused (exit 4) before any connection is made. */
    @Test
    void benchInsideBlackoutIsRefusedWithoutConnecting() throws IOException {
        Path inv = dir.resolve("blackout.yaml");
        Files.writeString(inv, String.join("\n",
                "hosts:",
                "  db-01: {address: 192.0.2.1}",
                "policy:",
                "  tiers:",
                "    - {name: hot, match: {classes: [nvme]}}",
                "  maintenance:",
                "    blackout:",
                "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"00:00\", to: \"23:59\", timezone: UTC}",
                "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"23:59\", to: \"00:00\", timezone: UTC}",
                ""));
        CliRun run = CliRun.of("bench", "run", "--inventory", inv.toString(), "--target", "/tmp", "--store",
                dir.resolve("store").toString(), "--connect-timeout", "1s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("db-01: bench run refused: inside maintenance.blackout[0]");
        assertThat(run.err()).doesNotContain("unreachable");
    }

    @Test
    void runtimeFollowsTheOneDurationRule() {
        var converter = new jts.fleet.controller.cli.bench.RuntimeConverter();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert("30"))
                .hasMessageContaining("did you mean 30s?");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DurationConverter().convert("10"))
                .hasMessageContaining("did you mean 10s?");
        assertThat(converter.convert("2m")).isEqualTo(120);
        assertThat(converter.convert("5s")).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert("500ms"))
                .hasMessageContaining("whole seconds");
    }

    private Path embeddedCopy() throws IOException {
        Path inv = dir.resolve("local.yaml");
        Files.writeString(inv, "defaults: {become: none}\nhosts:\n  local: {connection: local}\n");
        return inv;
    }
}
