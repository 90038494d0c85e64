package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Environment;

/**
 * The committed scripts/storage-*.sh run for real as root against an ext4 filesystem on a loop device: the status
 * report shows the device, the benchmark prints one JSON document with real fio results and leaves nothing
 * behind, also when it is stopped with SIGTERM in the middle of fio.
 */
class StandaloneScriptsIT {
    @TempDir
    Path dir;
    private LoopDevices loops;
    private String device;
    private Path mount;

    @BeforeEach
    void filesystemOnALoopDevice() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("losetup");
        Environment.requireTool("mkfs.ext4");
        loops = new LoopDevices(dir);
        device = loops.attach("standalone", 256, false);
        loops.mkfs(device, "ext4");
        mount = loops.mount(device, "mnt");
    }

    @AfterEach
    void detach() {
        if (loops != null) {
            loops.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Duration limit, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(mount)) {
            return files.filter(p -> !p.getFileName().toString().equals("lost+found")).toList();
        }
    }

    @Test
    void statusShowsTheLoopDeviceItsSchedulerAndTheMount() throws Exception {
        Run r = run(Duration.ofSeconds(30), "sh", GeneratedScripts.STATUS.toString(), "--interval", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        String scheduler = Files.readString(Path.of("/sys/block", device, "queue", "scheduler")).strip();
        String active = scheduler.replaceAll(".*\\[([^]]+)].*", "$1");
        assertThat(r.out()).as(r.out())
                .containsPattern("(?m)^" + device + " +\\S+ +" + active.replace("-", "\\-") + " ")
                .contains(mount.toString()).contains("TRIM timers:").contains("I/O snapshot over 1s");
    }

    @Test
    void benchmarkPrintsJsonWithRealFioResultsAndLeavesNothing() throws Exception {
        Environment.requireTool("fio");
        Run r = run(Duration.ofSeconds(60), "sh", GeneratedScripts.BENCHMARK.toString(),
                "--profile", "rand-read-4k-qd1,pg-wal", "--runtime", "1", "--size", "8m", mount.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode target = doc.path("targets").path(0);
        assertThat(target.path("mount").asText()).isEqualTo(mount.toString());
        assertThat(target.path("meta").path("direct").asText()).as("ext4 on a loop device accepts O_DIRECT").isEqualTo("1");
        assertThat(target.path("results")).hasSize(2);
        JsonNode read = target.path("results").path(0);
        assertThat(read.path("profile").asText()).isEqualTo("rand-read-4k-qd1");
        assertThat(read.path("fio").path("jobs").path(0).path("read").path("iops").asDouble()).isPositive();
        assertThat(read.path("layout_ms").asLong()).as("layout timed apart").isNotNegative();
        assertThat(read.path("fio_wall_ms").asLong()).as("1 s runtime plus layout").isGreaterThanOrEqualTo(1000);
        JsonNode wal = target.path("results").path(1);
        assertThat(wal.path("fio").path("jobs").path(0).path("sync").path("lat_ns").path("N").asLong())
                .as("pg-wal fdatasyncs every write").isPositive();
        assertThat(leftovers()).as("files left on the target").isEmpty();
    }

    @Test
    void sigtermInTheMiddleOfFioStopsItAndRemovesTheTestFiles() throws Exception {
        Environment.requireTool("fio");
        Process p = new ProcessBuilder("sh", GeneratedScripts.BENCHMARK.toString(), "--profile", "rand-read-4k-qd32",
                "--runtime", "30", "--size", "8m", mount.toString())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!fioRunningOn(mount) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(fioRunningOn(mount)).as("fio started on " + mount).isTrue();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("script exits after SIGTERM").isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(fioRunningOn(mount)).as("fio left running").isFalse();
        assertThat(leftovers()).as("files left on the target").isEmpty();
    }

    /** True while a fio process has the mount in its command line (its job file lives there). */
    private static boolean fioRunningOn(Path mount) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    return cmdline.startsWith("fio\0") && cmdline.contains(mount.toString() + "/");
                } catch (IOException e) {
                    return false; // exited meanwhile
                }
            });
        }
    }
}
