package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.change.ChangeJournal;
import jts.fleet.controller.testing.OverlayNamespace;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.Schedulers;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * bench run, list, show, compare, compare --fleet, report and experiment through the built launcher, with real
 * fio on an ext4 loop device of this machine (a local host): JSON valid against docs/schema, documented exits,
 * nothing left on the target, the experiment's device back on its scheduler. The commands that measure run in a
 * private mount namespace whose /var/lib (with /etc and /usr/local) is an overlay, so the change records bench.sh
 * and queue-set.sh write on the host land in the test's directory, not in this machine's
 * /var/lib/jts-fleet/changes.jsonl (they did).
 */
class BenchFleetIT {
    static final Path REAL_RECORDS = Path.of(TuningScripts.DEFAULT_STATE_DIR, ChangeJournal.FILE_NAME);
    @TempDir
    static Path dir;
    static LoopDevices loops;
    static String loop;
    static Path mount;
    static Path inventory;
    static Path store;
    static Launcher jts;
    /** Where the measuring commands' host writes land ({@link OverlayNamespace}). */
    static Path overlay;

    @BeforeAll
    static void start() throws Exception {
        Launcher.requireBuilt();
        Environment.requireRoot();
        Environment.requireTool("fio");
        Environment.requireTool("losetup");
        Environment.requireTool("mkfs.ext4");
        Environment.requireTool("unshare");
        overlay = dir.resolve("overlay");
        loops = new LoopDevices(dir);
        loop = loops.attach("bench", 256, false);
        loops.mkfs(loop, "ext4");
        mount = loops.mount(loop, "bench-mnt");
        store = dir.resolve("store");
        inventory = Files.writeString(dir.resolve("inv.yaml"),
                "defaults: {become: none}\nhosts:\n  local: {connection: local}\n"
                        + "policy:\n  tiers:\n    - name: hot\n      match: {mounts: [\"" + mount + "\"]}\n");
        jts = new Launcher(dir).env("NO_COLOR", "1");
    }

    @AfterAll
    static void stop() {
        if (loops != null) {
            loops.close();
        }
    }

    private static Launcher.Result bench(String label) throws Exception {
        return jts.runInOverlay(overlay, "bench", "run", "--inventory", inventory.toString(), "--target",
                mount.toString(),
                "--profile", "rand-read-4k-qd1,pg-wal", "--runtime", "1s", "--size", "16m", "--label", label,
                "--store", store.toString(), "-o", "json");
    }

    @Test
    void runCompareReportAndExperiment() throws Exception {
        Launcher.Result before = bench("before");
        assertThat(before.exit()).as(before.toString()).isZero();
        JsonNode doc = JsonSchemas.validate("fleet-run", before.out());
        String baseId = doc.path("run_id").asText();
        assertThat(doc.at("/hosts/0/status").asText()).isEqualTo("ok");
        assertThat(doc.at("/hosts/0").toString()).contains("rand-read-4k-qd1").contains("pg-wal");
        for (JsonNode stored : doc.at("/hosts/0/documents")) {
            JsonSchemas.assertValid("bench-document", stored);
        }
        try (Stream<Path> left = Files.list(mount)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".jts-fleet-bench")))
                    .as("no test directory left").isEmpty();
        }
        Launcher.Result after = bench("after");
        assertThat(after.exit()).as(after.toString()).isZero();
        String newId = JsonSchemas.validate("fleet-run", after.out()).path("run_id").asText();

        Launcher.Result list = jts.run("bench", "list", "--store", store.toString(), "-o", "json");
        assertThat(JsonSchemas.validate("bench-list", list.out()).toString()).contains(baseId).contains(newId);
        Launcher.Result show = jts.run("bench", "show", baseId, "--store", store.toString(), "-o", "json");
        assertThat(show.exit()).as(show.toString()).isZero();
        JsonSchemas.validate("bench-show", show.out());

        Launcher.Result compare = jts.run("bench", "compare", baseId, newId, "--store", store.toString(), "-o", "json");
        assertThat(compare.exit()).as(compare.toString()).isIn(ExitCodes.OK, ExitCodes.BENCH_REGRESSION);
        JsonNode comparison = JsonSchemas.validate("bench-compare", compare.out());
        assertThat(comparison.path("regression").asBoolean()).isEqualTo(compare.exit() == ExitCodes.BENCH_REGRESSION);
        assertThat(comparison.path("warnings").toString()).as("1 s runs are flagged as noise")
                .contains("shorter than 10 s");
        Launcher.Result fleet = jts.run("bench", "compare", "--fleet", newId, "--store", store.toString());
        assertThat(fleet.exit()).as(fleet.toString()).isZero();

        Path html = dir.resolve("report.html");
        Launcher.Result report = jts.run("bench", "report", baseId, newId, "--out", html.toString(), "--store",
                store.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(Files.readString(html)).contains("<svg").contains("before → after").doesNotContain("http://");

        Schedulers schedulers = Schedulers.ofDevice(loop).requireTwo();
        String active = schedulers.active().orElseThrow();
        String other = schedulers.otherThanActive();
        Launcher.Result experiment = jts.runInOverlay(overlay, "experiment", "--inventory", inventory.toString(),
                "--set", "scheduler=" + active + "," + other, "--profile", "rand-read-4k-qd1", "--target",
                mount.toString(), "--rounds", "1", "--runtime", "1s", "--size", "16m", "--store", store.toString(),
                "-o", "json");
        assertThat(experiment.exit()).as(experiment.toString()).isZero();
        JsonSchemas.validate("fleet-run", experiment.out());
        assertThat(Schedulers.ofDevice(loop).active()).as("the scheduler is restored").contains(active);

        // the host side recorded each run, in the test's directory; nothing of this test in this machine's records
        // (other jts-fleet processes of this machine may write there meanwhile: look for this test's inventory)
        Path records = OverlayNamespace.upper(overlay, REAL_RECORDS.toString());
        assertThat(records).exists();
        assertThat(Files.readString(records)).contains(baseId).contains(newId)
                .contains("\"step\":\"queue-set\"").contains("\"command\":\"experiment\"")
                .contains(inventory.toString());
        String real = Files.exists(REAL_RECORDS) ? Files.readString(REAL_RECORDS) : "";
        assertThat(real).as("this test's runs recorded in this machine's %s", REAL_RECORDS)
                .doesNotContain(inventory.toString()).doesNotContain(baseId).doesNotContain(newId);
    }

    @Test
    void unknownProfileIsAUsageErrorBeforeAnyHostIsTouched() throws Exception {
        Launcher.Result run = jts.run("bench", "run", "--inventory", inventory.toString(), "--target",
                mount.toString(), "--profile", "no-such-profile", "--store", store.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("jts-fleet: ").contains("no-such-profile");
    }
}
