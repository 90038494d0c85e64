package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.controller.ExitCodes;

/**
 * Bad input is the user's to fix: a sentence naming the thing and what is wrong, exit 2, never "internal error"
 * (which is kept for bugs). Each of these printed "internal error: java...Exception" before.
 */
class UserErrorsTest {
    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void inventory() throws Exception {
        inventory = Files.writeString(dir.resolve("inventory.yaml"), "defaults: {become: none}\nhosts:\n"
                + "  here: {connection: local}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "monitor install --dry-run --textfile-dir relative/dir | --textfile-dir relative/dir: must be an absolute path",
        "trim install --dry-run --textfile-dir relative | --textfile-dir relative: must be an absolute path",
        "watch --count 1 --device [ | --device [: not a glob such as nvme*",
        "watch --count 1 --interval 50ms | --interval 50ms is below 100ms",
        "status --report /proc/jts-fleet-no-such-dir/x | /proc/jts-fleet-no-such-dir: no such file or directory",
        "status --max-output 1k | --max-output/--max-document: output limits must be at least 64 KiB",
        "status --timeout 0s | --timeout 0s: a deadline must be above zero",
    })
    void aBadInputIsASentenceAndExit2(String command, String sentence) {
        List<String> args = new ArrayList<>(List.of(command.strip().split(" ")));
        args.addAll(List.of("--inventory", inventory.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).as(run.toString()).contains("jts-fleet: " + sentence.strip())
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    /**
     * A trim_schedule that starts inside a blackout window: trim install, apply and inventory check said so (exit 2),
     * render systemd failed as a bug (IllegalArgumentException). trim (run now) renders no timer: TrimFleetIT.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"render systemd --host here", "trim install --dry-run"})
    void aTrimScheduleInsideABlackoutWindowIsAnInventoryError(String command) throws Exception {
        Files.writeString(inventory, """
                defaults: {become: none}
                hosts:
                  here: {connection: local}
                policy:
                  tiers:
                    - {name: hot, match: {mounts: [/jts-fleet-no-such-mount]}, trim: true}
                  maintenance:
                    trim_schedule: "Sat *-*-* 03:00:00 UTC"
                    blackout:
                      - {days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "23:59", timezone: UTC}
                """);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--inventory", inventory.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).as(run.toString()).startsWith("jts-fleet: " + inventory + ": here: maintenance.trim_schedule"
                + " \"Sat *-*-* 03:00:00 UTC\" elapses inside blackout window blackout[0]")
                .doesNotContain("internal error").doesNotContain("Exception");
        assertThat(run.out()).as("no host was touched").doesNotContain("RECAP");
    }
}
