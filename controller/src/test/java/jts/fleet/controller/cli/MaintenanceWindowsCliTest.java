package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;

/**
 * The change freeze and the TRIM schedule check through the real command line: both decide from the inventory
 * and the clock alone, so the hosts here (TEST-NET addresses) are never connected to.
 */
class MaintenanceWindowsCliTest {
    @TempDir
    Path dir;

    private static final String ALWAYS = "    blackout:\n"
            + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"00:00\", to: \"23:59\", timezone: UTC}\n"
            + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"23:59\", to: \"00:00\", timezone: UTC}\n";
    private static final String TRADING = "    blackout:\n"
            + "      - {days: [mon, tue, wed, thu, fri], from: \"07:00\", to: \"22:30\", timezone: America/New_York}\n";

    private Path inventory(String maintenance) throws IOException {
        return Files.writeString(dir.resolve("inv.yaml"), "hosts:\n"
                + "  db-01: {address: 192.0.2.1}\n"
                + "  db-02: {address: 192.0.2.2}\n"
                + "policy:\n"
                + "  tiers:\n"
                + "    - {name: hot, match: {classes: [nvme]}, queue: {scheduler: none}, trim: true}\n"
                + "  maintenance:\n" + maintenance);
    }

    @Test
    void applyInsideTheWindowIsRefusedWithoutConnecting() throws IOException {
        Path inv = inventory(ALWAYS);
        CliRun run = CliRun.of("apply", "--inventory", inv.toString(), "--connect-timeout", "1s", "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("db-01: apply refused: inside maintenance.blackout[0] "
                + "mon,tue,wed,thu,fri,sat,sun 00:00-23:59 UTC").contains("db-02: apply refused")
                .contains("--force --reason TEXT overrides").doesNotContain("unreachable");
        JsonNode doc = Json.MAPPER.readTree(run.out());
        assertThat(doc.path("hosts")).hasSize(2);
        assertThat(doc.path("hosts").get(0).path("status").asText()).isEqualTo("skipped");
        assertThat(doc.path("hosts").get(0).path("reason").asText()).contains("apply refused");
        assertThat(doc.path("recap").path("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void rollbackInsideTheWindowIsRefusedToo() throws IOException {
        CliRun run = CliRun.of("rollback", "--inventory", inventory(ALWAYS).toString(), "--connect-timeout", "1s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("db-01: rollback refused").doesNotContain("unreachable");
    }

    @Test
    void forceWithAReasonAndDryRunGoAhead() throws IOException {
        Path inv = inventory(ALWAYS);
        for (String flags : new String[] {"--force --reason CHG-1234 --yes", "--dry-run"}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("apply"));
            args.addAll(java.util.List.of(flags.split(" ")));
            args.addAll(java.util.List.of("--inventory", inv.toString(), "--connect-timeout", "1s"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            // not refused: it tries the hosts, which cannot be reached (no key, no such address)
            assertThat(run.exitCode()).as(run.toString()).isIn(ExitCodes.HOST_FAILED, ExitCodes.HOST_UNREACHABLE);
            // the window's refusal, not the hosts' (the transport connects before it looks at keys, like OpenSSH,
            // so an address that refuses TCP says "Connection refused")
            assertThat(run.err()).as(flags).doesNotContain("apply refused");
        }
    }

    @Test
    void forceWithoutAReasonIsAUsageErrorBeforeAnythingHappens() throws IOException {
        for (String command : new String[] {"apply", "rollback"}) {
            CliRun run = CliRun.of(command, "--force", "--yes", "--inventory", inventory(ALWAYS).toString(),
                    "--connect-timeout", "1s");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo("jts-fleet: " + command + " --force overrides the change freeze only"
                    + " with --reason TEXT (why: a ticket id), which the change record keeps\n");
        }
    }

    @Test
    void aZonelessScheduleIsRefusedByInventoryCheckPlanAndTrimInstall() throws IOException {
        Path inv = inventory(TRADING + "    trim_schedule: \"Sat *-*-* 03:00:00\"\n");
        for (String[] command : new String[][] {{"inventory", "check"}, {"plan"}, {"trim", "install"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
            args.addAll(java.util.List.of("--inventory", inv.toString()));
            if (!command[0].equals("inventory")) {
                args.addAll(java.util.List.of("--connect-timeout", "1s")); // inventory check never connects
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(String.join(" ", command))
                    .contains(inv + ": db-01, db-02: maintenance.trim_schedule \"Sat *-*-* 03:00:00\" names no time zone")
                    .containsPattern("on a host in UTC it elapses Sat 20\\d\\d-\\d\\d-\\d\\d 03:00 UTC, "
                            + "Fri 20\\d\\d-\\d\\d-\\d\\d 22:00 EST")
                    .contains("name the zone, e.g. \"Sat *-*-* 03:00:00 America/New_York\"")
                    .doesNotContain("unreachable");
        }
    }

    @Test
    void theZonedDefaultPassesInventoryCheck() throws IOException {
        Path inv = inventory(TRADING);
        CliRun run = CliRun.of("inventory", "check", "--inventory", inv.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }
}
