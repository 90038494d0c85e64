package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.remote.bench.RecordedRuns;
import jts.fleet.remote.model.SysrootTree;
import jts.fleet.inventory.testing.Golden;

/**
 * Every row of the README's command table, run through the built launcher as a subprocess against a fleet of
 * fixture hosts: the local transport with a sysroot built from the recorded fixture trees (an NVMe database
 * host and an NVMe multipath host). Exit status as documented, {@code -o json} valid against docs/schema, text
 * output golden with colours off and on. Needs no root: everything a command writes lands in the sysroots.
 */
class FixtureFleetIT {
    @TempDir
    static Path dir;
    static Path inventory;
    static Path store;
    static Launcher jts;
    static Golden golden;

    @BeforeAll
    static void fleet() throws Exception {
        Launcher.requireBuilt();
        for (String[] host : new String[][] {{"db-01", "nvme-db-host"}, {"kafka-03", "nvme-multipath"}}) {
            Path description = dir.resolve(host[1] + ".tree");
            try (InputStream in = FixtureFleetIT.class.getResourceAsStream("/fixtures/" + host[1] + "/sysroot.tree")) {
                Files.copy(in, description);
            }
            SysrootTree.build(description, dir.resolve("hosts").resolve(host[0]));
        }
        // user named: the local user's name would change column widths between root and other users
        inventory = Files.writeString(dir.resolve("fleet.yaml"), "defaults: {user: ops}\nhosts:\n"
                + "  db-01: {connection: local, sysroot: " + dir.resolve("hosts/db-01") + ", groups: [prod, db]}\n"
                + "  kafka-03: {connection: local, sysroot: " + dir.resolve("hosts/kafka-03") + ", groups: [prod]}\n");
        store = dir.resolve("store");
        BenchStore bench = new BenchStore(store);
        for (var doc : RecordedRuns.run("20261126T040000Z-a1b2", "hot", List.of("db-01", "kafka-03"), 1.0, 1.02)) {
            bench.save(doc, doc.host());
        }
        for (var doc : RecordedRuns.run("20261126T050000Z-c3d4", "hot", List.of("db-01", "kafka-03"), 0.5, 1.0)) {
            bench.save(doc, doc.host());
        }
        jts = new Launcher(dir);
        golden = Golden.under("e2e").mask(dir.toString(), "<DIR>");
    }

    private static Launcher.Result run(String... args) throws Exception {
        return jts.run(args);
    }

    private static String[] fleet(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--inventory", inventory.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The text view, colours off (a pipe) and on (CLICOLOR_FORCE), both golden; the JSON view valid. */
    private static JsonNode textAndJson(String goldenName, String schema, int exit, String... args) throws Exception {
        Launcher.Result text = run(args);
        assertThat(text.exit()).as(text.toString()).isEqualTo(exit);
        golden.assertMatches(goldenName + ".txt", text.out());
        assertThat(text.out()).as("no colours on a pipe").doesNotContain("\u001b[");
        Launcher.Result coloured = new Launcher(dir.resolve("colour")).env("CLICOLOR_FORCE", "1").run(args);
        assertThat(coloured.exit()).as(coloured.toString()).isEqualTo(exit);
        golden.assertMatches(goldenName + ".color.txt", coloured.out());
        List<String> json = new java.util.ArrayList<>(List.of(args));
        json.addAll(List.of("-o", "json"));
        Launcher.Result doc = run(json.toArray(String[]::new));
        assertThat(doc.exit()).as(doc.toString()).isEqualTo(exit);
        return JsonSchemas.validate(schema, doc.out());
    }

    @Test
    void status() throws Exception {
        JsonNode doc = textAndJson("status", "status", ExitCodes.OK, fleet("status"));
        assertThat(doc.at("/hosts/0/host").asText()).isEqualTo("db-01");
        assertThat(doc.at("/recap/ok").asInt()).isEqualTo(2);
    }

    @Test
    void statusReportDir() throws Exception {
        Path reports = dir.resolve("reports");
        Launcher.Result r = run(fleet("status", "--report", reports.toString()));
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonSchemas.validate("status-host", Files.readString(reports.resolve("db-01.json")));
        assertThat(reports.resolve("fleet-summary.json")).exists();
    }

    @Test
    void snapshot() throws Exception {
        Path out = dir.resolve("snapshots");
        Launcher.Result r = run(fleet("snapshot", "--out", out.toString()));
        assertThat(r.exit()).as(r.toString()).isZero();
        long bytes = Files.size(out.resolve("db-01.gather"));
        assertThat(r.out()).contains("db-01: " + out.resolve("db-01.gather") + " (" + bytes + " bytes)")
                .contains("kafka-03: " + out.resolve("kafka-03.gather")).contains("RECAP");
        assertThat(Files.readString(out.resolve("db-01.gather"))).as("the framed gather output")
                .startsWith("@@jts-gather");

        // -o json: absolute paths, whatever --out was relative to
        Launcher.Result json = new Launcher(dir.resolve("relative")).run(fleet("snapshot", "--out", "snaps", "-o",
                "json"));
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode doc = JsonSchemas.validate("snapshot", json.out());
        Path saved = dir.resolve("relative/cwd/snaps/db-01.gather");
        assertThat(doc.at("/hosts/0/file").asText()).isEqualTo(saved.toString());
        assertThat(doc.at("/hosts/0/bytes").asLong()).isEqualTo(Files.size(saved));
        assertThat(doc.at("/recap/ok").asInt()).isEqualTo(2);
    }

    @Test
    void inventoryListAndCheck() throws Exception {
        JsonNode list = textAndJson("inventory-list", "inventory-list", ExitCodes.OK, fleet("inventory list"));
        assertThat(list.path("hosts")).hasSize(2);
        JsonNode check = textAndJson("inventory-check", "inventory-check", ExitCodes.OK,
                fleet("inventory check", "-H", "db"));
        assertThat(check.path("selected").toString()).isEqualTo("[\"db-01\"]");
    }

    @Test
    void plan() throws Exception {
        JsonNode doc = textAndJson("plan", "plan", ExitCodes.OK, fleet("plan"));
        assertThat(doc.path("hosts")).hasSize(2);
    }

    /** apply, verify, drift, rollback on the multipath fixture: every write lands in its sysroot. */
    @Test
    void applyVerifyRollback() throws Exception {
        Path queue = dir.resolve("hosts/kafka-03/sys/block/sda/queue");
        String scheduler = Files.readString(queue.resolve("scheduler"));
        JsonNode dry = JsonSchemas.validate("rollout", run(fleet("apply", "-H", "kafka-03", "--dry-run", "-o", "json")).out());
        assertThat(dry.at("/hosts/0/dry_run").asBoolean()).isTrue();
        assertThat(Files.readString(queue.resolve("scheduler"))).as("dry run wrote nothing").isEqualTo(scheduler);

        Launcher.Result apply = run(fleet("apply", "-H", "kafka-03", "-o", "json"));
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(JsonSchemas.validate("rollout", apply.out()).at("/hosts/0/status").asText()).isEqualTo("changed");
        assertThat(dir.resolve("hosts/kafka-03/etc/udev/rules.d/60-jts-fleet.rules")).exists();

        Launcher.Result verify = run(fleet("verify", "-H", "kafka-03", "-o", "json"));
        assertThat(verify.exit()).as(verify.toString()).isZero();
        JsonSchemas.validate("fleet-run", verify.out());
        Files.writeString(queue.resolve("read_ahead_kb"), "8192\n");
        Launcher.Result drift = run(fleet("verify", "-H", "kafka-03"));
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.out()).contains("sda").contains("read_ahead_kb").contains("8192");

        Launcher.Result rollback = run(fleet("rollback", "-H", "kafka-03", "-o", "json"));
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        JsonSchemas.validate("rollout", rollback.out());
        assertThat(Files.readString(queue.resolve("scheduler"))).isEqualTo(scheduler);
        assertThat(dir.resolve("hosts/kafka-03/etc/udev/rules.d/60-jts-fleet.rules")).doesNotExist();
    }

    /** Commands whose host scripts act on the machine itself refuse a fixture host instead of touching this one. */
    @Test
    void machineWideCommandsRefuseFixtureHosts() throws Exception {
        for (String command : List.of("trim", "trim install", "monitor install", "monitor run-once")) {
            Launcher.Result r = run(fleet(command, "-H", "kafka-03", "-o", "json"));
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOST_FAILED);
            JsonNode doc = JsonSchemas.validate("fleet-run", r.out());
            assertThat(doc.at("/hosts/0/error").asText()).contains("refused for a fixture host");
            assertThat(r.err()).contains("kafka-03: " + command + " acts on the real machine");
        }
        // bench run too, and its text does not claim a run was stored when no host produced one
        Launcher.Result bench = run(fleet("bench run", "-H", "kafka-03", "--tier", "hot", "--force", "--reason", "FixtureFleetIT",
                "--store",
                dir.resolve("refused-store").toString()));
        assertThat(bench.exit()).as(bench.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(bench.err()).contains("kafka-03: bench run acts on the real machine");
        assertThat(bench.out()).containsPattern("run \\S+: nothing stored \\(no host produced a result\\)")
                .doesNotContain("stored in");
    }

    @Test
    void watchReadsTheSysroot() throws Exception {
        Launcher.Result r = run(fleet("watch", "--count", "2", "--interval", "200ms", "-o", "json"));
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> ticks = JsonSchemas.validateLines("watch", r.out());
        assertThat(ticks).hasSize(2);
        assertThat(ticks.get(1).toString()).as("the fixtures' devices, not this machine's")
                .contains("\"nvme0n1\"").contains("\"dm-1\"");
    }

    @Test
    void checkIsANagiosPluginWithPerfdata() throws Exception {
        Launcher.Result r = run(fleet("check", "--gap", "100ms"));
        assertThat(r.exit()).as(r.toString()).isBetween(0, 3);
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("JTS-FLEET STORAGE (OK|WARNING|CRITICAL|UNKNOWN) - .*");
        assertThat(r.out().lines().findFirst().orElseThrow()).contains(" | 'db-01/hot_read_await_ms'=0ms;");
        JsonNode doc = JsonSchemas.validate("check", run(fleet("check", "--gap", "100ms", "-o", "json")).out());
        assertThat(doc.path("exit_code").asInt()).isEqualTo(r.exit());
    }

    @Test
    void renders() throws Exception {
        for (String what : List.of("udev --host db-01", "systemd --host db-01", "alerts", "dashboard")) {
            Launcher.Result r = run(fleet("render " + what));
            assertThat(r.exit()).as(r.toString()).isZero();
            golden.assertMatches("render-" + what.split(" ")[0] + ".txt", r.out());
        }
    }

    @Test
    void benchStoreCommands() throws Exception {
        JsonNode list = textAndJson("bench-list", "bench-list", ExitCodes.OK, "bench", "list", "--store",
                store.toString());
        assertThat(list).hasSize(2);
        textAndJson("bench-show", "bench-show", ExitCodes.OK, "bench", "show", "20261126T040000Z-a1b2", "--store",
                store.toString());
        textAndJson("bench-compare", "bench-compare", ExitCodes.BENCH_REGRESSION, "bench", "compare",
                "20261126T040000Z-a1b2", "20261126T050000Z-c3d4", "--store", store.toString());
        Path html = dir.resolve("report.html");
        Launcher.Result report = run("bench", "report", "20261126T040000Z-a1b2", "20261126T050000Z-c3d4",
                "--store", store.toString(), "--out", html.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
        for (String expected : List.of("bench-report-20261126T040000Z-a1b2.html",
                "bench-report-20261126T040000Z-a1b2-2.html")) {
            Launcher.Result unnamed = run("bench", "report", "20261126T040000Z-a1b2", "--store", store.toString());
            assertThat(unnamed.exit()).as(unnamed.toString()).isZero();
            assertThat(unnamed.out()).isEqualTo("wrote " + expected + "\n");
            assertThat(jts.workDir().resolve(expected)).as("a new file each time, never overwritten").exists();
        }
        Launcher.Result unknown = run("bench", "show", "20990101T000000Z-ffff", "--store", store.toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).startsWith("jts-fleet: no bench run 20990101T000000Z-ffff");
    }

    @Test
    void usageErrorsExit2WithASentence() throws Exception {
        Launcher.Result option = run("status", "--no-such-option");
        assertThat(option.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).startsWith("jts-fleet: Unknown option: '--no-such-option'");
        Launcher.Result pattern = run(fleet("status", "-H", "nothing-*"));
        assertThat(pattern.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(pattern.err()).startsWith("jts-fleet: ").contains("nothing-*");
        assertThat(pattern.out()).isEmpty();
    }
}
