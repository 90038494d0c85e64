package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.script.ScriptResources;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.testing.Environment;

/**
 * The host script run locally with sh, on targets that need no root: mounts without a block device, missing
 * paths, plain directories. Real trimming is in {@link TrimLoopDevicesIT}.
 */
class TrimScriptIT {
    @TempDir
    Path dir;
    HostScript script;
    Path state;
    Path textfiles;

    @BeforeEach
    void setUp() throws IOException {
        script = new HostScript(dir);
        state = Files.createDirectories(dir.resolve("state"));
        textfiles = Files.createDirectories(dir.resolve("textfile"));
    }

    private Path config(TrimConfig config) throws IOException {
        Path file = dir.resolve("trim.conf");
        Files.writeString(file, config.render());
        return file;
    }

    private TrimConfig skipOnly(Maintenance maintenance) throws IOException {
        Path plainDir = Files.createDirectories(dir.resolve("plain"));
        return new TrimConfig("test-host", List.of("/proc", dir.resolve("missing").toString(), plainDir.toString()),
                maintenance.blackout(), 1L << 30, Optional.of(textfiles.toString()), state.toString());
    }

    @Test
    void passesShellcheck() throws IOException {
        Path shellcheck = Environment.requireTool("shellcheck");
        HostScript.Run run = HostScript.exec(shellcheck.toString(), "-s", "sh", script.path().toString());
        assertThat(run.stdout() + run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        for (String resource : List.of(InstallFileScript.RESOURCE, TrimScript.ACTIVATE_RESOURCE, TrimScript.RUN_RESOURCE,
                TrimScript.STATUS_RESOURCE)) {
            Path copy = dir.resolve(Path.of(resource).getFileName());
            Files.writeString(copy, ScriptResources.text(resource));
            HostScript.Run helper = HostScript.exec(shellcheck.toString(), "-s", "sh", copy.toString());
            assertThat(helper.stdout() + helper.stderr()).as(resource).isEmpty();
            assertThat(helper.exit()).isZero();
        }
    }

    @Test
    void skipsTargetsWithReasonsRecordsThemAndWritesValidMetrics() throws IOException {
        Path conf = config(skipOnly(new Maintenance(List.of(), "weekly", 60)));
        HostScript.Run run = script.run("--config", conf.toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.records()).extracting(TrimRecord::mount, TrimRecord::result, TrimRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/proc", TrimResult.SKIPPED, "no block device behind it (proc)"),
                org.assertj.core.groups.Tuple.tuple(dir.resolve("missing").toString(), TrimResult.SKIPPED,
                        "missing: " + dir.resolve("missing") + " does not exist"),
                org.assertj.core.groups.Tuple.tuple(dir.resolve("plain").toString(), TrimResult.SKIPPED,
                        "not mounted: " + dir.resolve("plain") + " is not a mount point"));
        assertThat(run.records()).allSatisfy(r -> assertThat(r.host()).isEqualTo("test-host"));

        List<String> log = Files.readAllLines(state.resolve("trim.jsonl"));
        assertThat(TrimLog.parse(log).records()).isEqualTo(run.records());

        Path prom = textfiles.resolve("jts_trim.prom");
        String metrics = Files.readString(prom);
        assertThat(metrics).contains("jts_trim_result{mount=\"/proc\",result=\"skipped\"} 1\n",
                "jts_trim_result{mount=\"/proc\",result=\"ok\"} 0\n", "jts_trim_bytes{mount=\"/proc\"} 0\n",
                "# TYPE jts_trim_last_run_timestamp_seconds gauge\n");
        assertThat(metrics).doesNotContain("jts_trim_last_success_timestamp_seconds{");
        try (var files = Files.list(textfiles)) {
            assertThat(files).as("no temporary file left behind").containsExactly(prom);
        }
        Path promtool = Environment.requireTool("promtool");
        HostScript.Run check = HostScript.exec("sh", "-c", "\"$0\" check metrics < \"$1\"", promtool.toString(), prom.toString());
        assertThat(check.exit()).as(check.toString()).isZero();
    }

    /**
     * A record cut short (disk full, crash) glued the next run's first record to it, losing a good one, and a
     * cut "ok" counted as the last success. Records are whole lines or ignored.
     */
    @Test
    void aCutRecordCostsOnlyItselfAndNeverCountsAsASuccess() throws IOException {
        String cut = "{\"time\":\"2026-01-03T08:00:00Z\",\"ts\":1767427200,\"host\":\"test-host\",\"mount\":\"/proc\","
                + "\"device\":\"\",\"majmin\":\"\",\"bytes\":1,\"duration_s\":0.1,\"result\":\"ok\"";
        Files.writeString(state.resolve("trim.jsonl"), cut);
        Path conf = config(skipOnly(new Maintenance(List.of(), "weekly", 60)));
        HostScript.Run run = script.run("--config", conf.toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isZero();

        TrimLog log = TrimLog.parse(Files.readAllLines(state.resolve("trim.jsonl")));
        assertThat(log.problems()).singleElement().extracting(TrimLog.Problem::line).isEqualTo(1);
        assertThat(log.records()).isEqualTo(run.records());
        assertThat(Files.readString(textfiles.resolve("jts_trim.prom")))
                .doesNotContain("jts_trim_last_success_timestamp_seconds{");
    }

    @Test
    void dryRunRecordsNothing() throws IOException {
        Path conf = config(skipOnly(new Maintenance(List.of(), "weekly", 60)));
        HostScript.Run run = script.run("--config", conf.toString(), "--json", "--dry-run");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.records()).hasSize(3).allSatisfy(r -> assertThat(r.dryRun()).isTrue());
        assertThat(state.resolve("trim.jsonl")).doesNotExist();
        assertThat(textfiles.resolve("jts_trim.prom")).doesNotExist();
    }

    /** The script's window test agrees with {@link jts.fleet.inventory.BlackoutWindow#contains} across a year. */
    @Test
    void blackoutDecisionMatchesThePolicyModel() throws IOException {
        Maintenance maintenance = new Maintenance(List.of(TrimPolicies.NY_TRADING, TrimPolicies.LONDON_OVERNIGHT), "weekly", 60);
        Path conf = config(new TrimConfig("test-host", List.of(dir.resolve("missing").toString()), maintenance.blackout(),
                1L << 30, Optional.empty(), state.toString()));
        List<ZonedDateTime> instants = new ArrayList<>();
        // edges of both windows, plus the DST weeks when New York and London are 4 h apart
        ZonedDateTime ny = ZonedDateTime.of(2025, 3, 14, 7, 59, 0, 0, TrimPolicies.NEW_YORK);
        instants.addAll(List.of(ny, ny.plusMinutes(1), ny.plusHours(10), ny.plusHours(10).minusMinutes(1),
                ny.plusDays(1), ny.plusDays(3).plusMinutes(1)));
        ZonedDateTime london = ZonedDateTime.of(2025, 3, 27, 22, 59, 0, 0, TrimPolicies.LONDON);
        instants.addAll(List.of(london, london.plusMinutes(1), london.plusHours(8), london.plusHours(8).plusMinutes(1),
                london.plusDays(1).plusHours(1), london.plusDays(2).plusHours(1), london.plusDays(3).plusHours(1)));
        for (int i = 0; i < 30; i++) {
            instants.add(ny.plusMinutes(i * 337L));
        }
        for (ZonedDateTime at : instants) {
            HostScript.Run run = script.run("--config", conf.toString(), "--json", "--dry-run",
                    "--now", String.valueOf(at.toEpochSecond()));
            boolean expected = maintenance.inBlackout(at);
            assertThat(run.exit()).as("%s (%s): %s", at, expected ? "inside" : "outside", run)
                    .isEqualTo(expected ? TrimScript.EXIT_REFUSED : TrimScript.EXIT_OK);
        }
    }

    @Test
    void refusesInsideBlackoutUnlessForced() throws IOException {
        ZonedDateTime wednesdayNoon = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, TrimPolicies.NEW_YORK);
        Path conf = config(skipOnly(TrimPolicies.weekendTrim()));
        String now = String.valueOf(wednesdayNoon.toEpochSecond());

        HostScript.Run refused = script.run("--config", conf.toString(), "--json", "--now", now);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(TrimScript.EXIT_REFUSED);
        assertThat(refused.records()).hasSize(3).allSatisfy(r -> {
            assertThat(r.result()).isEqualTo(TrimResult.REFUSED);
            assertThat(r.reason()).isEqualTo("inside blackout window days 1,2,3,4,5 0800-1800 America/New_York"
                    + " (use --force to override)");
        });
        assertThat(Files.readString(textfiles.resolve("jts_trim.prom")))
                .contains("jts_trim_result{mount=\"/proc\",result=\"refused\"} 1\n")
                .contains("jts_trim_refused_runs_in_a_row{mount=\"/proc\"} 1\n");
        // the next weekly run refused again: two in a row (JtsTrimRefusedRepeatedly)
        script.run("--config", conf.toString(), "--json", "--now", now);
        assertThat(Files.readString(textfiles.resolve("jts_trim.prom")))
                .contains("jts_trim_refused_runs_in_a_row{mount=\"/proc\"} 2\n");

        HostScript.Run forced = script.run("--config", conf.toString(), "--json", "--now", now, "--force");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        assertThat(forced.records()).extracting(TrimRecord::result).containsOnly(TrimResult.SKIPPED);
        assertThat(Files.readString(textfiles.resolve("jts_trim.prom")))
                .as("any other result ends the streak").contains("jts_trim_refused_runs_in_a_row{mount=\"/proc\"} 0\n");
    }

    @Test
    void unknownTimeZoneCountsAsInsideAWindow() throws IOException {
        Path conf = dir.resolve("tz.conf");
        Files.writeString(conf, "jts-trim-config 1\nstate_dir " + state + "\nblackout 1,2,3,4,5,6,7 0000 0001 Mars/Olympus_Mons\nmount /proc\n");
        HostScript.Run run = script.run("--config", conf.toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(TrimScript.EXIT_REFUSED);
        assertThat(run.records().get(0).reason()).contains("time zone Mars/Olympus_Mons is unknown on this host");
    }

    @Test
    void concurrentRunIsRefusedNamingTheHolder() throws Exception {
        Path conf = config(skipOnly(new Maintenance(List.of(), "weekly", 60)));
        Path lock = state.resolve("trim.lock");
        // hold the lock exactly as a running jts-fstrim does: flock on fd 9, PID in the file
        Process holder = new ProcessBuilder("sh", "-c", "exec 9<>\"$1\"; flock 9; echo $$ > \"$1\"; echo locked; exec sleep 30",
                "holder", lock.toString()).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(7))).isEqualTo("locked\n");
            HostScript.Run run = script.run("--config", conf.toString(), "--json");
            assertThat(run.exit()).as(run.toString()).isEqualTo(TrimScript.EXIT_REFUSED);
            assertThat(run.records()).hasSize(3).allSatisfy(r -> {
                assertThat(r.result()).isEqualTo(TrimResult.REFUSED);
                assertThat(r.reason()).isEqualTo("another jts-fstrim run holds " + lock + " (pid " + holder.pid() + ")");
            });
            assertThat(Files.readString(lock).strip()).as("the refused run must not overwrite the holder's PID")
                    .isEqualTo(String.valueOf(holder.pid()));
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        HostScript.Run after = script.run("--config", conf.toString(), "--json");
        assertThat(after.exit()).as("lock released with its holder: %s", after).isZero();
    }

    @Test
    void configErrorsNameFileAndLine() throws IOException {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "jts-trim-config 1\n# fine\nfrobnicate yes\n");
        HostScript.Run run = script.run("--config", conf.toString());
        assertThat(run.exit()).isEqualTo(TrimScript.EXIT_USAGE);
        assertThat(run.stderr()).isEqualTo("jts-fstrim: " + conf + ":3: unknown key \"frobnicate\"\n");

        Files.writeString(conf, "jts-trim-config 1\nblackout 1,8 0800 1800 UTC\n");
        assertThat(script.run("--config", conf.toString()).stderr()).contains(conf + ":2: blackout days must be like 1,2,3");
        Files.writeString(conf, "jts-trim-config 1\nmount relative/path\n");
        assertThat(script.run("--config", conf.toString()).stderr()).contains(conf + ":2: mount must be an absolute path");
        Files.writeString(conf, "mount /x\n");
        assertThat(script.run("--config", conf.toString()).stderr()).contains("not a jts-fleet trim config");
        assertThat(script.run("--config", conf.toString(), "--bogus").stderr()).contains("unknown argument: --bogus");
        HostScript.Run help = script.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).startsWith("jts-fstrim: TRIM the filesystems").contains("Usage: jts-fstrim [--force]")
                .endsWith("or a window began mid-run.\n");
    }

    /** The script's own sed program for fstrim -v output, run on both formats util-linux has printed. */
    @Test
    void bytesTrimmedAreReadFromOldAndNewFstrimOutput() {
        String program = "s/.*[( ]\\([0-9][0-9]*\\) bytes.*/\\1/p";
        assertThat(TrimScript.text()).contains("sed -n '" + program + "'");
        for (var sample : java.util.Map.of(
                "/data: 123 bytes were trimmed\n", "123",
                "/data: 1.2 GiB (1288490188 bytes) trimmed\n", "1288490188",
                "/srv/5 bytes dir: 0 B (0 bytes) trimmed on /dev/loop0\n", "0").entrySet()) {
            HostScript.Run run = HostScript.exec("sh", "-c", "printf '%s' \"$1\" | sed -n \"$2\"", "sed-test",
                    sample.getKey(), program);
            assertThat(run.stdout().strip()).as(sample.getKey()).isEqualTo(sample.getValue());
        }
    }
}
