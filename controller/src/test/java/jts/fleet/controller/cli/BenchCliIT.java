package jts.fleet.controller.cli;

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
import jts.fleet.controller.testing.LoopDevices;
import jts.fleet.remote.testing.Environment;

/** bench run → list → show → compare → compare --fleet → report, through the CLI with real fio on a loop fs. */
class BenchCliIT {
    @TempDir
    static Path dir;

    static LoopDevices loops;
    static Path mount;
    static Path inventory;
    static Path store;

    @BeforeAll
    static void start() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("fio");
        loops = new LoopDevices(dir);
        String loop = loops.attach("bench", 256, false);
        loops.mkfs(loop, "ext4");
        mount = loops.mount(loop, "bench-mnt");
        store = dir.resolve("store");
        inventory = Files.writeString(dir.resolve("inv.yaml"),
                "defaults: {become: none}\nhosts:\n  local: {connection: local}\n"
                        + "policy:\n  tiers:\n    - name: hot\n      match: {mounts: [\"" + mount + "\"]}\n");
    }

    @AfterAll
    static void stop() {
        if (loops != null) {
            loops.close();
        }
    }

    private CliRun bench(String label) {
        return CliRun.of("bench", "run", "--inventory", inventory.toString(), "--target", mount.toString(),
                "--profile", "rand-read-4k-qd1,pg-wal", "--runtime", "1s", "--size", "16m", "--label", label,
                "--store", store.toString(), "-o", "json");
    }

    @Test
    void runCompareAndReport() throws Exception {
        CliRun before = bench("before");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(before.out());
        String baseId = doc.path("run_id").asText();
        JsonNode host = doc.path("hosts").get(0);
        assertThat(host.path("status").asText()).isEqualTo("ok");
        assertThat(host.toString()).contains("rand-read-4k-qd1").contains("pg-wal").contains("\"fio\"");
        try (Stream<Path> left = Files.list(mount)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".jts-fleet-bench")))
                    .as("no test directory left").isEmpty();
        }
        CliRun after = bench("after");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        String newId = Json.MAPPER.readTree(after.out()).path("run_id").asText();

        CliRun list = CliRun.of("bench", "list", "--store", store.toString());
        assertThat(list.out()).contains(baseId).contains(newId);
        CliRun show = CliRun.of("bench", "show", baseId, "--store", store.toString());
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("pg-wal");

        CliRun compare = CliRun.of("bench", "compare", baseId, newId, "--store", store.toString(), "-o", "json");
        assertThat(compare.exitCode()).as(compare.toString()).isIn(ExitCodes.OK, ExitCodes.BENCH_REGRESSION);
        JsonNode comparison = Json.MAPPER.readTree(compare.out());
        assertThat(comparison.path("regression").asBoolean())
                .isEqualTo(compare.exitCode() == ExitCodes.BENCH_REGRESSION);

        CliRun fleet = CliRun.of("bench", "compare", "--fleet", newId, "--store", store.toString());
        assertThat(fleet.exitCode()).as(fleet.toString()).isZero();

        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("bench", "report", baseId, newId, "--out", html.toString(), "--store", store.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(Files.readString(html)).contains("<svg").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void unknownProfileIsUsageErrorBeforeAnyHostIsTouched() {
        CliRun run = CliRun.of("bench", "run", "--inventory", inventory.toString(), "--target", mount.toString(),
                "--profile", "no-such-profile", "--store", store.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no-such-profile");
    }
}
