package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.change.ChangeJournal;
import jts.fleet.controller.change.HostChangeReader;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeRecords;
import jts.fleet.remote.change.Records;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Schedulers;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * A/B experiment on a loop device with real fio: arms interleave, and the device's original scheduler is back
 * afterwards, also after an interrupt. The arms and the original are picked from what the device offers (kernels
 * differ): the original is a third scheduler where there is one, so it differs from both arms.
 */
class ExperimentIT {
    private LoopDevices loops;
    private LoopDevices.Filesystem fs;
    private Schedulers schedulers;
    private String armA;
    private String armB;
    private String original;

    @TempDir
    Path temp;

    @BeforeEach
    void mount() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("fio");
        Environment.requireTool("losetup");
        Environment.requireTool("mkfs.ext4");
        loops = LoopDevices.inTempDir("jts-bench-loop-");
        fs = loops.filesystem("fs", 128L << 20, "ext4", BenchEngineIT.EXT4_NOW);
        schedulers = Schedulers.of(scheduler()).requireTwo();
        armA = schedulers.offered().get(0);
        armB = schedulers.offered().get(1);
        original = schedulers.otherThan(List.of(armA, armB)).orElse(armB);
        Files.writeString(scheduler(), original);
    }

    @AfterEach
    void unmount() throws Exception {
        if (loops != null) {
            loops.close();
        }
    }

    private Path scheduler() {
        return Path.of("/sys/block", fs.device(), "queue/scheduler");
    }

    private String activeScheduler() throws Exception {
        String s = Files.readString(scheduler());
        return s.substring(s.indexOf('[') + 1, s.indexOf(']'));
    }

    private ExperimentEngine engine() {
        BenchEngine bench = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")), RunSettings.defaults(Clock.systemUTC()),
                TargetResolver.FIXED);
        return new ExperimentEngine(bench, BenchProfiles.embedded());
    }

    @Test
    void armsInterleaveAndTheOriginalSchedulerIsRestored() throws Exception {
        HostSpec host = BenchEngineIT.local("local-x");
        List<String> seen = new CopyOnWriteArrayList<>();
        ExperimentReport report = engine().run(ExperimentRequest.parse("scheduler=" + armA + "," + armB, "rand-read-4k-qd1",
                fs.mount().toString(), 2, new BenchParameters(1, 16L << 20)), host, new LocalTransport(host), seen::add);
        assertThat(report.devices()).containsExactly(fs.device());
        assertThat(report.original()).containsEntry(fs.device(), original);
        assertThat(report.rounds()).extracting(ExperimentReport.Round::arm).containsExactly("A", "B", "A", "B");
        assertThat(report.rounds()).extracting(ExperimentReport.Round::value).containsExactly(armA, armB, armA, armB);
        assertThat(report.rounds()).allSatisfy(r -> assertThat(r.summary().iops()).isPositive());
        assertThat(report.analysis().metrics()).extracting(m -> m.metric()).containsExactly("iops", "clat_p99_us", "cpu_us_per_io");
        assertThat(report.analysis().metrics()).allSatisfy(m -> assertThat(m.verdict())
                .isIn("better", "worse", "no-significant-difference"));
        assertThat(report.restored()).isTrue();
        assertThat(activeScheduler()).isEqualTo(original);
        assertThat(seen).hasSize(4).first().asString().contains("round 1/2 arm A (scheduler=" + armA + ")");
        assertThat(LoopDevices.leftovers(fs.mount())).isEmpty();
    }

    @Test
    void schedulerNotOfferedIsRefusedBeforeAnyChange() throws Exception {
        HostSpec host = BenchEngineIT.local("local-y");
        assertThatThrownBy(() -> engine().run(ExperimentRequest.parse("scheduler=" + armA + ",noop", "rand-read-4k-qd1",
                fs.mount().toString(), 1, new BenchParameters(1, 16L << 20)), host, new LocalTransport(host), s -> { }))
                .isInstanceOf(BenchFailure.class)
                .hasMessage("local-y: " + fs.device() + " does not offer scheduler noop (available: "
                        + schedulers.listed() + ")");
        assertThat(activeScheduler()).isEqualTo(original);
    }

    @Test
    void interruptedExperimentRestoresTheOriginalScheduler() throws Exception {
        HostSpec host = BenchEngineIT.local("local-z");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread controller = new Thread(() -> {
            try {
                engine().run(ExperimentRequest.parse("scheduler=" + armA + "," + armB, "rand-read-4k-qd1", fs.mount().toString(),
                        3, new BenchParameters(20, 16L << 20)), host, new LocalTransport(host), s -> { });
            } catch (Exception e) {
                failure.set(e);
            }
        }, "experiment-controller");
        controller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((activeScheduler().equals(original) || LoopDevices.leftovers(fs.mount()).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(activeScheduler()).as("arm A applied").isEqualTo(armA);
        Thread.sleep(1500);
        controller.interrupt();
        controller.join(Duration.ofSeconds(40).toMillis());
        assertThat(controller.isAlive()).isFalse();
        assertThat(failure.get()).as("the interrupt surfaces as a failure").isNotNull();
        assertThat(activeScheduler()).as("scheduler after interrupt").isEqualTo(original);
        assertThat(LoopDevices.leftovers(fs.mount())).as("test files after interrupt").isEmpty();
        assertThat(BenchEngineIT.processesMentioning(fs.mount() + "/.jts-fleet-bench-")).isEmpty();
    }

    /**
     * A fixture host (sysroot): queue-set.sh writes the sysroot's queue files (a plain file, so the
     * experiment switches read_ahead_kb: a scheduler file there would not list the schedulers offered), and every record of the run (each arm's
     * bench.sh, each switch) lands in the sysroot's state directory, where {@code history --from-hosts} reads them;
     * this machine's change file gets none of them.
     */
    @Test
    void aFixtureHostsRunIsRecordedWhereHistoryFromHostsReadsIt() throws Exception {
        Path sysroot = temp.resolve("sysroot");
        Path realReadAhead = Path.of("/sys/block", fs.device(), "queue/read_ahead_kb");
        String readAhead = Files.readString(realReadAhead).strip();
        Path fixtureReadAhead = sysroot.resolve("sys/block").resolve(fs.device()).resolve("queue/read_ahead_kb");
        Files.createDirectories(fixtureReadAhead.getParent());
        Files.writeString(fixtureReadAhead, readAhead + "\n");
        HostSpec plain = BenchEngineIT.local("local-s");
        HostSpec host = new HostSpec(plain.name(), plain.connection(), plain.address(), plain.port(), plain.user(),
                plain.identityFile(), plain.knownHosts(), plain.become(), plain.groups(), Optional.of(sysroot.toString()),
                plain.policy());
        Path realChanges = Path.of(TuningScripts.DEFAULT_STATE_DIR, ChangeJournal.FILE_NAME);
        long realBefore = Files.exists(realChanges) ? Files.size(realChanges) : -1;
        HostRecording recording = h -> ChangeRecords.contextLine(Records.context("20261206T133000Z-c4a1", h.name()));
        BenchEngine bench = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")),
                RunSettings.defaults(Clock.systemUTC()), TargetResolver.FIXED).recordedBy(recording);
        ExperimentEngine engine = new ExperimentEngine(bench, BenchProfiles.embedded()).recordedBy(recording);

        ExperimentReport report = engine.run(ExperimentRequest.parse("read_ahead_kb=64,256", "rand-read-4k-qd1",
                fs.mount().toString(), 1, new BenchParameters(1, 16L << 20)), host, new LocalTransport(host), s -> { });

        assertThat(report.restored()).isTrue();
        assertThat(report.original()).containsEntry(fs.device(), readAhead);
        assertThat(Files.readString(fixtureReadAhead).strip()).as("the fixture's queue file, restored").isEqualTo(readAhead);
        assertThat(Files.readString(realReadAhead).strip()).as("the real device's, untouched").isEqualTo(readAhead);
        HostOutcome<ChangeLogText.Parsed> read = new HostChangeReader(Duration.ofSeconds(30))
                .read(new LocalTransport(host), host, Optional.empty());
        assertThat(read).isInstanceOfSatisfying(HostOutcome.Done.class, done -> {
            ChangeLogText.Parsed parsed = (ChangeLogText.Parsed) done.value();
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.records()).as("steps recorded in the sysroot").extracting(r -> r.step().orElse("?"))
                    .containsOnly("queue-set", "bench")
                    .filteredOn("bench"::equals).as("each arm's bench.sh: intent and outcome").hasSize(4);
        });
        assertThat(Files.exists(realChanges) ? Files.size(realChanges) : -1).as("this machine's " + realChanges)
                .isEqualTo(realBefore);
        assertThat(LoopDevices.leftovers(fs.mount())).isEmpty();
    }
}
