package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static jts.fleet.remote.testing.LoopDevices.allocatedBytes;
import static jts.fleet.remote.testing.LoopDevices.churn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;


/**
 * Real FITRIM on this machine: ext4 and xfs on loop devices over sparse files, a bind mount of the ext4, a tmpfs
 * and a missing path, all configured. Discards on a loop device punch holes in its backing file, so the file's
 * allocated blocks show whether a range was really trimmed. Needs root ({@link LoopDevices#trimTargets()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrimLoopDevicesIT {
    private static final long CHUNK_BYTES = 128L << 20;

    LoopDevices loops;
    LoopDevices.TrimTargets fs;
    HostScript script;
    Path ext4Image;
    Path xfsImage;
    Path ext4;
    Path xfs;
    Path bind;
    Path tmpfs;
    Path missing;
    Path dir;
    Path state;

    @BeforeAll
    void setUp() throws Exception {
        Environment.requireRoot();
        loops = LoopDevices.inTempDir("jts-trim-loop");
        fs = loops.trimTargets();
        dir = loops.dir();
        script = new HostScript(dir);
        state = dir.resolve("state");
        ext4Image = fs.ext4().image();
        xfsImage = fs.xfs().image();
        ext4 = fs.ext4().mount();
        xfs = fs.xfs().mount();
        bind = fs.bind();
        tmpfs = fs.tmpfs();
        missing = fs.missing();
    }

    @AfterAll
    void tearDown() {
        if (loops != null) {
            loops.close();
        }
    }

    private Path config(List<jts.fleet.inventory.BlackoutWindow> blackout) throws IOException {
        TrimConfig config = new TrimConfig("it-host",
                fs.paths(),
                blackout, CHUNK_BYTES, Optional.of(dir.toString()), state.toString());
        Path file = dir.resolve("trim.conf");
        Files.writeString(file, config.render());
        return file;
    }

    @Test
    void refusesInBlackoutAndWhileLockedThenTrimsEachFilesystemOnce() throws Exception {
        churn(ext4, 200);
        churn(xfs, 200);
        long ext4Before = allocatedBytes(ext4Image);
        long xfsBefore = allocatedBytes(xfsImage);
        assertThat(ext4Before).as("ext4 image after churn").isGreaterThan(150L << 20);
        assertThat(xfsBefore).as("xfs image after churn").isGreaterThan(150L << 20);

        // 1. inside a blackout window, not forced: exit 4 and nothing trimmed
        Path conf = config(List.of(TrimPolicies.NY_TRADING));
        String wednesdayNoon = String.valueOf(ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, TrimPolicies.NEW_YORK).toEpochSecond());
        HostScript.Run blackout = script.run("--config", conf.toString(), "--json", "--now", wednesdayNoon);
        assertThat(blackout.exit()).as(blackout.toString()).isEqualTo(TrimScript.EXIT_REFUSED);
        assertThat(blackout.records()).hasSize(5).extracting(TrimRecord::result).containsOnly(TrimResult.REFUSED);
        assertThat(allocatedBytes(ext4Image)).as("ext4 image after the refused run").isEqualTo(ext4Before);
        assertThat(allocatedBytes(xfsImage)).as("xfs image after the refused run").isEqualTo(xfsBefore);

        // 2. another run holds the lock: refused, naming it, nothing trimmed
        Files.createDirectories(state);
        Path lock = state.resolve("trim.lock");
        Process holder = new ProcessBuilder("sh", "-c", "exec 9<>\"$1\"; flock 9; echo $$ > \"$1\"; echo locked; exec sleep 30",
                "holder", lock.toString()).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(7))).isEqualTo("locked\n");
            HostScript.Run locked = script.run("--config", conf.toString(), "--json", "--force");
            assertThat(locked.exit()).as(locked.toString()).isEqualTo(TrimScript.EXIT_REFUSED);
            assertThat(locked.records()).extracting(TrimRecord::reason)
                    .containsOnly("another jts-fstrim run holds " + lock + " (pid " + holder.pid() + ")");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(allocatedBytes(ext4Image)).isEqualTo(ext4Before);

        // 3. forced inside the window: both filesystems trimmed once, in ranges; the rest skipped with reasons
        HostScript.Run forced = script.run("--config", conf.toString(), "--json", "--now", wednesdayNoon, "--force");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        Map<String, TrimRecord> byMount = forced.records().stream()
                .collect(Collectors.toMap(TrimRecord::mount, r -> r));
        assertThat(forced.records()).extracting(TrimRecord::mount, TrimRecord::result).containsExactly(
                tuple(ext4.toString(), TrimResult.OK), tuple(xfs.toString(), TrimResult.OK),
                tuple(bind.toString(), TrimResult.SKIPPED), tuple(tmpfs.toString(), TrimResult.SKIPPED),
                tuple(missing.toString(), TrimResult.SKIPPED));
        TrimRecord ext4Record = byMount.get(ext4.toString());
        assertThat(ext4Record.device()).isEqualTo(fs.ext4().devicePath());
        assertThat(ext4Record.bytes()).as("bytes ext4 reported trimmed").isGreaterThan(150L << 20);
        assertThat(byMount.get(xfs.toString()).bytes()).as("bytes xfs reported trimmed").isGreaterThan(150L << 20);
        assertThat(byMount.get(bind.toString()).reason())
                .isEqualTo("same filesystem as " + ext4 + " (device " + ext4Record.majmin() + "): trimmed once");
        assertThat(byMount.get(tmpfs.toString()).reason()).isEqualTo("no block device behind it (tmpfs)");
        assertThat(byMount.get(missing.toString()).reason()).isEqualTo("missing: " + missing + " does not exist");

        long ext4After = allocatedBytes(ext4Image);
        long xfsAfter = allocatedBytes(xfsImage);
        System.out.printf("allocated in backing files: ext4 %d -> %d MiB, xfs %d -> %d MiB; trimmed ext4 %d MiB in %s,"
                        + " xfs %d MiB in %s%n", ext4Before >> 20, ext4After >> 20, xfsBefore >> 20, xfsAfter >> 20,
                ext4Record.bytes() >> 20, ext4Record.duration(), byMount.get(xfs.toString()).bytes() >> 20,
                byMount.get(xfs.toString()).duration());
        assertThat(ext4After).as("ext4 backing file blocks dropped").isLessThan(ext4Before - (150L << 20));
        assertThat(xfsAfter).as("xfs backing file blocks dropped").isLessThan(xfsBefore - (150L << 20));

        // run records and metrics describe the same run
        TrimLog log = TrimLog.parse(Files.readAllLines(state.resolve("trim.jsonl")));
        assertThat(log.problems()).isEmpty();
        assertThat(log.lastSuccessPerMount().keySet()).containsExactlyInAnyOrder(ext4.toString(), xfs.toString());
        Path promtool = jts.fleet.remote.testing.Environment.requireTool("promtool");
        HostScript.Run check = HostScript.exec("sh", "-c", "\"$0\" check metrics < \"$1\"", promtool.toString(),
                dir.resolve("jts_trim.prom").toString());
        assertThat(check.exit()).as("promtool check metrics: %s", check).isZero();
        String metrics = Files.readString(dir.resolve("jts_trim.prom"));
        assertThat(metrics).contains("jts_trim_result{mount=\"" + ext4 + "\",result=\"ok\"} 1\n",
                "jts_trim_bytes{mount=\"" + ext4 + "\"} " + ext4Record.bytes() + "\n",
                "jts_trim_last_success_timestamp_seconds{mount=\"" + xfs + "\"} " + wednesdayNoon + "\n");
    }

    @Test
    void discardCapabilityThroughTheStackDecidesNotRotational() throws Exception {
        String majmin = LoopDevices.run("findmnt", "-n", "-o", "MAJ:MIN", "--mountpoint", ext4.toString()).strip();
        Path conf = config(List.of());
        Map<String, String> reasonBySysfs = Map.of(
                "dm-over-partition", "TRIM would have no effect: dm-1 discard_max_bytes 0",
                "md-over-disks", "TRIM would have no effect: md0 discard_max_bytes 0",
                "md-over-flash-disks", "TRIM would have no effect: md0 discard_max_bytes 0",
                // one leaf still takes discards: FITRIM reaches it
                "dm-over-mixed", "dry run: would trim",
                "virtio-rotational-discard", "dry run: would trim");
        for (var expected : reasonBySysfs.entrySet()) {
            Path sysfs = SysfsFixtures.build(dir.resolve("sysfs-" + expected.getKey()), expected.getKey(), majmin);
            HostScript.Run run = script.run("--config", conf.toString(), "--json", "--dry-run", "--sysfs-root", sysfs.toString());
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.records().get(0).mount()).isEqualTo(ext4.toString());
            assertThat(run.records().get(0).reason()).as(expected.getKey()).startsWith(expected.getValue());
        }
    }

    @Test
    void sigtermStopsTheRunAtTheNextRange() throws Exception {
        // 1 MiB ranges: 512 fstrim calls, several seconds, so the signal lands mid-run
        Path conf = dir.resolve("sigterm.conf");
        Files.writeString(conf, new TrimConfig("it-host", List.of(ext4.toString()), List.of(), 1L << 20, Optional.empty(),
                state.toString()).render());
        // the signal is sent once the run has discarded something (freed blocks from churn, early in the
        // filesystem), not after a fixed sleep: under load the run may not have finished a range by then, and on a
        // fast machine it may have finished all of them
        churn(ext4, 64);
        long allocatedBefore = allocatedBytes(ext4Image);
        Process run = new ProcessBuilder("sh", script.path().toString(), "--config", conf.toString(), "--json", "--force")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var stdout = HostScript.drain(run.getInputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.isAlive() && allocatedBytes(ext4Image) >= allocatedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(allocatedBytes(ext4Image)).as("the run discarded freed blocks").isLessThan(allocatedBefore);
        assertThat(run.isAlive()).as("run still going after its first discard").isTrue();
        // SIGTERM to the script only, as `kill PID` would (Process.destroy would also close our pipes)
        assertThat(HostScript.exec("kill", "-TERM", String.valueOf(run.pid())).exit()).isZero();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        List<TrimRecord> records = TrimLog.parse(stdout.join()).records();
        assertThat(run.exitValue()).isEqualTo(TrimScript.EXIT_FAILED);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(TrimResult.FAILED);
            assertThat(r.reason()).matches("stopped by a signal at offset [1-9][0-9]* of [0-9]+");
            long offset = Long.parseLong(r.reason().replaceAll(".* at offset ([0-9]+) of.*", "$1"));
            long size = Long.parseLong(r.reason().replaceAll(".* of ([0-9]+)$", "$1"));
            assertThat(offset).as("stopped before the end").isLessThan(size);
            assertThat(offset % (1L << 20)).as("stopped on a range boundary").isZero();
        });
    }

    @Test
    void aBlackoutWindowBeginningMidRunStopsItAtTheNextRange() throws Exception {
        Path conf = dir.resolve("window.conf");
        Files.writeString(conf, new TrimConfig("it-host", List.of(ext4.toString(), xfs.toString()),
                List.of(TrimPolicies.NY_TRADING), 1L << 20, Optional.empty(), state.toString()).render());
        // the test's clock: one minute before the opening of the Wednesday window, moved forward mid-run
        ZonedDateTime beforeOpen = ZonedDateTime.of(2026, 11, 25, 7, 59, 0, 0, TrimPolicies.NEW_YORK);
        Path clock = dir.resolve("clock");
        Files.writeString(clock, String.valueOf(beforeOpen.toEpochSecond()));
        // freed blocks for the run to discard: ext4 skips block groups an earlier test already trimmed whole, and
        // the first ranges hold only metadata, so a fixed sleep could move the clock before any range had
        // anything to trim (seen under load). The clock moves once the backing file has really shrunk.
        churn(ext4, 64);
        long allocatedBefore = allocatedBytes(ext4Image);
        Process run = new ProcessBuilder("sh", script.path().toString(), "--config", conf.toString(), "--json",
                "--clock", clock.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var stdout = HostScript.drain(run.getInputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.isAlive() && allocatedBytes(ext4Image) >= allocatedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(allocatedBytes(ext4Image)).as("the run discarded freed blocks").isLessThan(allocatedBefore);
        assertThat(run.isAlive()).as("run still going after its first discard").isTrue();
        Files.writeString(clock, String.valueOf(beforeOpen.plusMinutes(1).toEpochSecond()));
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        List<TrimRecord> records = TrimLog.parse(stdout.join()).records();
        assertThat(run.exitValue()).isEqualTo(TrimScript.EXIT_REFUSED);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).result()).isEqualTo(TrimResult.REFUSED);
        assertThat(records.get(0).reason()).matches("blackout window days 1,2,3,4,5 0800-1800 America/New_York began:"
                + " stopped at offset [1-9][0-9]* of [0-9]+");
        assertThat(records.get(0).bytes()).as("what was trimmed before the window is still reported").isPositive();
        // the next filesystem does not start either
        assertThat(records.get(1).result()).isEqualTo(TrimResult.REFUSED);
        assertThat(records.get(1).bytes()).isZero();
    }
}
