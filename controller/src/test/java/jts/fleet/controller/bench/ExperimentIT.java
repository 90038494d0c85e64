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

import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.testing.Environment;

/**
 * A/B experiment on a loop device with real fio: arms interleave, and the device's original scheduler
 * (set to kyber first, so it differs from both arms) is back afterwards, also after an interrupt.
 */
class ExperimentIT {
    private LoopFs fs;

    @TempDir
    Path temp;

    @BeforeEach
    void mount() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("fio");
        Environment.requireTool("losetup");
        Environment.requireTool("mkfs.ext4");
        fs = LoopFs.create(128L << 20);
        String available = Files.readString(scheduler());
        Environment.require(available.contains("kyber") && available.contains("mq-deadline"),
                "loop devices offer kyber and mq-deadline (" + available.strip() + ")");
        Files.writeString(scheduler(), "kyber");
    }

    @AfterEach
    void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    private Path scheduler() {
        return Path.of("/sys/block", fs.deviceName(), "queue/scheduler");
    }

    private String activeScheduler() throws Exception {
        String s = Files.readString(scheduler());
        return s.substring(s.indexOf('[') + 1, s.indexOf(']'));
    }

    private ExperimentEngine engine() {
        BenchEngine bench = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")), Clock.systemUTC(),
                TargetResolver.FIXED);
        return new ExperimentEngine(bench, BenchProfiles.embedded());
    }

    @Test
    void armsInterleaveAndTheOriginalSchedulerIsRestored() throws Exception {
        HostSpec host = BenchEngineIT.local("local-x");
        List<String> seen = new CopyOnWriteArrayList<>();
        ExperimentReport report = engine().run(ExperimentRequest.parse("scheduler=none,mq-deadline", "rand-read-4k-qd1",
                fs.mount().toString(), 2, new BenchParameters(1, 16L << 20)), host, new LocalTransport(host), seen::add);
        assertThat(report.devices()).containsExactly(fs.deviceName());
        assertThat(report.original()).containsEntry(fs.deviceName(), "kyber");
        assertThat(report.rounds()).extracting(ExperimentReport.Round::arm).containsExactly("A", "B", "A", "B");
        assertThat(report.rounds()).extracting(ExperimentReport.Round::value).containsExactly("none", "mq-deadline", "none", "mq-deadline");
        assertThat(report.rounds()).allSatisfy(r -> assertThat(r.summary().iops()).isPositive());
        assertThat(report.analysis().metrics()).extracting(m -> m.metric()).containsExactly("iops", "clat_p99_us", "cpu_us_per_io");
        assertThat(report.analysis().metrics()).allSatisfy(m -> assertThat(m.verdict())
                .isIn("better", "worse", "no-significant-difference"));
        assertThat(report.restored()).isTrue();
        assertThat(activeScheduler()).isEqualTo("kyber");
        assertThat(seen).hasSize(4).first().asString().contains("round 1/2 arm A (scheduler=none)");
        assertThat(fs.leftovers()).isEmpty();
    }

    @Test
    void schedulerNotOfferedIsRefusedBeforeAnyChange() throws Exception {
        HostSpec host = BenchEngineIT.local("local-y");
        assertThatThrownBy(() -> engine().run(ExperimentRequest.parse("scheduler=none,noop", "rand-read-4k-qd1",
                fs.mount().toString(), 1, new BenchParameters(1, 16L << 20)), host, new LocalTransport(host), s -> { }))
                .isInstanceOf(BenchFailure.class)
                .hasMessage("local-y: " + fs.deviceName() + " does not offer scheduler noop (available: none mq-deadline kyber bfq)");
        assertThat(activeScheduler()).isEqualTo("kyber");
    }

    @Test
    void interruptedExperimentRestoresTheOriginalScheduler() throws Exception {
        HostSpec host = BenchEngineIT.local("local-z");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread controller = new Thread(() -> {
            try {
                engine().run(ExperimentRequest.parse("scheduler=none,mq-deadline", "rand-read-4k-qd1", fs.mount().toString(),
                        3, new BenchParameters(20, 16L << 20)), host, new LocalTransport(host), s -> { });
            } catch (Exception e) {
                failure.set(e);
            }
        }, "experiment-controller");
        controller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((activeScheduler().equals("kyber") || fs.leftovers().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(activeScheduler()).as("arm A applied").isEqualTo("none");
        Thread.sleep(1500);
        controller.interrupt();
        controller.join(Duration.ofSeconds(40).toMillis());
        assertThat(controller.isAlive()).isFalse();
        assertThat(failure.get()).as("the interrupt surfaces as a failure").isNotNull();
        assertThat(activeScheduler()).as("scheduler after interrupt").isEqualTo("kyber");
        assertThat(fs.leftovers()).as("test files after interrupt").isEmpty();
        assertThat(BenchEngineIT.processesMentioning(fs.mount() + "/.jts-fleet-bench-")).isEmpty();
    }
}
