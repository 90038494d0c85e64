package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Schedulers;

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
}
