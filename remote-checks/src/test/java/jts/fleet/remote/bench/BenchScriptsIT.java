package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;
import jts.fleet.remote.change.Records;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * The host scripts on this machine, run exactly as the transports run them ({@code sh -c script jts-fleet args}):
 * shellcheck-clean, tmpfs results marked as page cache, SIGTERM and bench-cleanup.sh leave no file and no
 * fio, queue-set.sh refuses what it must.
 */
class BenchScriptsIT {
    @TempDir
    Path temp;

    record Run(int exit, String stdout, String stderr) {
    }

    static Process start(BenchScripts script, String stdin, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script.text(), "jts-fleet"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).start();
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a script that refuses its arguments may exit before it reads its input (broken pipe): its exit
            // status and what it printed are what the tests check
        }
        return p;
    }

    static Run run(BenchScripts script, String stdin, String... args) throws Exception {
        Process p = start(script, stdin, args);
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private static String jobs(String... profiles) {
        StringBuilder s = new StringBuilder();
        BenchProfiles registry = BenchProfiles.embedded();
        for (String p : profiles) {
            s.append("@@profile ").append(p).append('\n').append(FioJobFile.render(registry.get(p), new BenchParameters(1, 4L << 20)));
        }
        return s.toString();
    }

    static long fioProcessesIn(String dir) throws IOException {
        long n = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.startsWith("fio") && cmd.contains(dir)) {
                        n++;
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return n;
    }

    @Test
    void scriptsAreShellcheckClean() throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        for (BenchScripts s : BenchScripts.values()) {
            Path file = temp.resolve(s.fileName());
            Files.writeString(file, s.text());
            Process p = new ProcessBuilder(shellcheck.toString(), "-s", "sh", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("shellcheck %s:%n%s", s.fileName(), out).isZero();
        }
    }

    @Test
    void tmpfsRefusesODirectAndResultsAreMarked() throws Exception {
        Environment.requireTool("fio");
        Path shm = Path.of("/dev/shm");
        Environment.require(Files.isDirectory(shm) && Files.isWritable(shm), "/dev/shm is a writable tmpfs");
        Path target = Files.createTempDirectory(shm, "jts-bench-it-");
        try {
            Run r = run(BenchScripts.BENCH, jobs("rand-read-4k-qd1"), target.toString(), "it-tmpfs-1", "1", "1000", "rand-read-4k-qd1");
            assertThat(r.exit()).as("stdout %s stderr %s", r.stdout(), r.stderr()).isZero();
            BenchOutput out = BenchOutput.parse(r.stdout(), "tmpfs");
            assertThat(out.direct()).as("tmpfs is memory: never reported as O_DIRECT disk numbers").isFalse();
            ProfileSummary s = FioSummarizer.summarize("rand-read-4k-qd1", FioJsonParser.parse(out.profiles().get(0).fioJson(), "t"),
                    out.direct());
            assertThat(s.pageCache()).isTrue();
            assertThat(s.iops()).isPositive();
            try (var left = Files.list(target)) {
                assertThat(left.toList()).isEmpty();
            }
            TargetDevices devices = TargetDevices.parse(run(BenchScripts.DEVICES, "", target.toString()).stdout(), "tmpfs");
            assertThat(devices.fstype()).isEqualTo("tmpfs");
            assertThat(devices.devices()).as("no block device behind tmpfs").isEmpty();
        } finally {
            Files.deleteIfExists(target);
        }
    }

    /**
     * A recorded run writes its intent and outcome to the state directory it is given (tests: a temporary one), not
     * to this machine's /var/lib/jts-fleet; a state directory that is not a plain absolute path is refused first.
     */
    @Test
    void aRecordedRunGoesToTheStateDirectoryItIsGiven() throws Exception {
        Environment.requireTool("fio");
        Path shm = Path.of("/dev/shm");
        Environment.require(Files.isDirectory(shm) && Files.isWritable(shm), "/dev/shm is a writable tmpfs");
        Path machine = Path.of("/var/lib/jts-fleet/changes.jsonl");
        String machineBefore = Files.exists(machine) ? Files.readString(machine) : null;
        Path stateDir = temp.resolve("state");
        ChangeContext context = Records.context("20261206T013000Z-3f9a1c", "bench-it");
        String contextLine = ChangeRecords.contextLine(context);
        Path target = Files.createTempDirectory(shm, "jts-bench-it-");
        try {
            Run refused = run(BenchScripts.BENCH, jobs("rand-read-4k-qd1"), "--state-dir", "state/../etc", "--change",
                    contextLine, target.toString(), "it-state-0", "1", "1000", "rand-read-4k-qd1");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.stdout()).contains("state directory must be a plain absolute path");

            Run r = run(BenchScripts.BENCH, jobs("rand-read-4k-qd1"), "--state-dir", stateDir.toString(), "--change",
                    contextLine, target.toString(), "it-state-1", "1", "1000", "rand-read-4k-qd1");
            assertThat(r.exit()).as("stdout %s stderr %s", r.stdout(), r.stderr()).isZero();
            Path file = stateDir.resolve("changes.jsonl");
            ChangeLogText.Parsed parsed = ChangeLogText.parse(file.toString(), Files.readString(file));
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.records()).extracting(ChangeRecord::event)
                    .containsExactly(ChangeRecord.Event.INTENT, ChangeRecord.Event.OUTCOME);
            assertThat(parsed.records()).allSatisfy(record -> assertThat(record.context()).isEqualTo(context));
        } finally {
            try (var left = Files.list(target)) {
                for (Path p : left.toList()) {
                    LoopDevices.run("rm", "-rf", "--", p.toString());
                }
            }
            Files.deleteIfExists(target);
        }
        assertThat(Files.exists(machine) ? Files.readString(machine) : null)
                .as("this machine's changes.jsonl").isEqualTo(machineBefore);
    }

    @Test
    void sigtermAndTheCleanupScriptLeaveNothingBehind() throws Exception {
        Environment.requireTool("fio");
        Path target = Files.createDirectories(temp.resolve("target"));
        String[] profiles = {"rand-read-4k-qd1"};
        String longJobs = jobs(profiles).replace("runtime=1\n", "runtime=30\n");
        for (String way : List.of("sigterm", "cleanup", "sigkill")) {
            String runId = "it-" + way;
            String runDir = target.resolve(".jts-fleet-bench-" + runId).toString();
            Process bench = start(BenchScripts.BENCH, longJobs, target.toString(), runId, "30", "1000", profiles[0]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fioProcessesIn(runDir) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(fioProcessesIn(runDir)).as("%s: fio running", way).isPositive();
            if (way.equals("sigterm")) {
                bench.destroy();
            } else if (way.equals("sigkill")) {
                // no trap runs: fio carries on, the run and change-record directories stay, until the cleanup
                bench.destroyForcibly();
                assertThat(bench.waitFor(15, TimeUnit.SECONDS)).as("bench.sh killed").isTrue();
                assertThat(changeRecordDirs(runId)).as("%s: bench.sh's change-record directory", way).hasSize(1);
                Run cleanup = run(BenchScripts.CLEANUP, "", target.toString(), runId);
                assertThat(cleanup.exit()).as("cleanup %s %s", cleanup.stdout(), cleanup.stderr()).isZero();
                assertThat(cleanup.stdout()).containsPattern("killed=[1-9]").contains("removed=" + runDir)
                        .contains("removed=" + SCRIPT_TMP.resolve("jts-bench-change."));
            } else {
                Run cleanup = run(BenchScripts.CLEANUP, "", target.toString(), runId);
                assertThat(cleanup.exit()).as("cleanup %s %s", cleanup.stdout(), cleanup.stderr()).isZero();
                // either the cleanup removed the directory or bench.sh's own TERM trap did first
                assertThat(cleanup.stdout()).containsPattern("killed=[1-9]").containsPattern("(removed|absent)=" + runDir);
            }
            assertThat(bench.waitFor(15, TimeUnit.SECONDS)).as("%s: bench.sh ended", way).isTrue();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((fioProcessesIn(runDir) > 0 || Files.exists(Path.of(runDir))) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(Path.of(runDir)).as("%s: run dir removed", way).doesNotExist();
            assertThat(fioProcessesIn(runDir)).as("%s: fio left", way).isZero();
            assertThat(changeRecordDirs(runId)).as("%s: bench.sh's change-record directory left", way).isEmpty();
        }
    }

    /** Where the scripts this test runs keep their temporary directories: {@code ${TMPDIR:-/tmp}}. */
    private static final Path SCRIPT_TMP = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));

    /** bench.sh's change-record directories (work_dir jts-bench-change in the temporary directory) of run {@code runId}. */
    private static List<Path> changeRecordDirs(String runId) throws Exception {
        try (var dirs = Files.newDirectoryStream(SCRIPT_TMP, "jts-bench-change.*")) {
            List<Path> found = new java.util.ArrayList<>();
            for (Path d : dirs) {
                Path id = d.resolve("run-id");
                if (Files.isRegularFile(id) && Files.readString(id).strip().equals(runId)) {
                    found.add(d);
                }
            }
            return found;
        }
    }

    @Test
    void queueSetRefusesBadInput() throws Exception {
        assertThat(run(BenchScripts.QUEUE_SET, "", "../sda", "scheduler", "none")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).contains("device name must match");
        });
        assertThat(run(BenchScripts.QUEUE_SET, "", "sda", "discard_max_bytes", "0").stderr()).contains("not allowlisted");
        assertThat(run(BenchScripts.QUEUE_SET, "", "sda", "read_ahead_kb", "128;reboot").exit()).isEqualTo(2);
        assertThat(run(BenchScripts.QUEUE_SET, "", "nosuchdev0", "scheduler", "none")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.stderr()).contains("/sys/block/nosuchdev0/queue/scheduler does not exist");
        });
        assertThat(run(BenchScripts.BENCH, "", "/tmp", "bad id", "1", "1", "pg-wal").stdout()).contains("run id must match");
        assertThat(run(BenchScripts.CLEANUP, "", "relative", "r1").exit()).isEqualTo(2);
    }
}
