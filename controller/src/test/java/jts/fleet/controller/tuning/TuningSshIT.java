package jts.fleet.controller.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Schedulers;

/**
 * plan/apply/verify/rollback through a real OpenSSH sshd on 127.0.0.1, against real loop devices of this
 * machine: host h01 logs in as root, h02 as an unprivileged user with passwordless sudo. Each host's policy
 * selects only its own loop device (by exact kernel name); state and rules live in a temp directory.
 */
class TuningSshIT {
    @Sshd(hosts = 2, sudoUser = true)
    static SshdFixture sshd;
    private static Path knownHosts;

    @TempDir
    Path tmp;
    LoopDevices loops;
    String rootLoop;
    String sudoLoop;
    ConnectionPool pool;

    @BeforeAll
    static void startSshd() throws Exception {
        Environment.requireTool("losetup");
        knownHosts = sshd.writeKnownHosts();
    }

    @BeforeEach
    void attach() throws Exception {
        // the unprivileged login reads state and rules without sudo: the directory must be world-readable
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        loops = new LoopDevices(tmp);
        rootLoop = loops.attach("root", 32L << 20, null);
        sudoLoop = loops.attach("sudo", 32L << 20, null);
        pool = new ConnectionPool(SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void detach() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (loops != null) {
            loops.close();
        }
    }

    private static Policy policy(String device, Map<QueueAttribute, String> queue) {
        return new Policy(List.of(new Tier("it", new TierMatch(Set.of(), List.of(device), List.of()), queue, false,
                SysrootHosts.THRESHOLDS, false)), new Maintenance(List.of(), "Sat *-*-* 03:00:00", 10), Map.of());
    }

    private static Map<QueueAttribute, String> queue(String scheduler, String readAhead) {
        Map<QueueAttribute, String> queue = new LinkedHashMap<>();
        queue.put(QueueAttribute.SCHEDULER, scheduler);
        queue.put(QueueAttribute.READ_AHEAD_KB, readAhead);
        return queue;
    }

    private static HostSpec withPolicy(HostSpec h, Policy policy) {
        return new HostSpec(h.name(), h.connection(), h.address(), h.port(), h.user(), h.identityFile(),
                h.knownHosts(), h.become(), h.groups(), h.sysroot(), policy);
    }

    private HostSpec rootHost(Map<QueueAttribute, String> queue) {
        return withPolicy(sshd.host(0, "root", sshd.ed25519Identity(), knownHosts, false),
                policy(rootLoop, queue));
    }

    private HostSpec sudoHost(Map<QueueAttribute, String> queue) {
        return withPolicy(sshd.host(1, SshdFixture.SUDO_USER, sshd.ed25519Identity(), knownHosts, true),
                policy(sudoLoop, queue));
    }

    private TuningEngine engine() {
        return new TuningEngine(h -> new TuningPaths("", tmp.resolve("state-" + h.name()).toString(),
                tmp.resolve("rules-" + h.name() + "/60-jts-fleet.rules").toString()), Duration.ofSeconds(30));
    }

    private FleetRunner runner() {
        return new FleetRunner(pool, 4, Duration.ofSeconds(120));
    }

    /** The scheduler a device does not use now, so apply has to change it. */
    private static String otherScheduler(String loop) throws IOException {
        return Schedulers.parse(LoopDevices.queue(loop, "scheduler")).requireTwo().otherThanActive();
    }

    @Test
    void applyVerifyDriftAndRollbackAsRootAndThroughSudo() throws Exception {
        String rootOriginal = LoopDevices.queue(rootLoop, "scheduler") + LoopDevices.queue(rootLoop, "read_ahead_kb");
        String sudoOriginal = LoopDevices.queue(sudoLoop, "scheduler") + LoopDevices.queue(sudoLoop, "read_ahead_kb");
        String rootScheduler = otherScheduler(rootLoop);
        String sudoScheduler = otherScheduler(sudoLoop);
        List<HostSpec> hosts = List.of(rootHost(queue(rootScheduler, "512")), sudoHost(queue(sudoScheduler, "768")));
        TuningEngine engine = engine();

        List<HostResult<PlanReport>> plans = engine.planFleet(runner(), hosts, r -> { });
        assertThat(plans).allSatisfy(r -> assertThat(r).isInstanceOf(HostResult.Ok.class));
        assertThat(((HostResult.Ok<PlanReport>) plans.get(1)).value().rulesDiff()).contains("+# generated by jts-fleet");

        SerialRun<ApplyReport> applied = engine.applyFleet(runner(), hosts, "1", 0, false, r -> { });

        assertThat(applied.results()).extracting(HostResult::status).containsExactly("changed", "changed");
        assertThat(LoopDevices.queue(rootLoop, "scheduler")).contains("[" + rootScheduler + "]");
        assertThat(LoopDevices.queue(rootLoop, "read_ahead_kb").strip()).isEqualTo("512");
        assertThat(LoopDevices.queue(sudoLoop, "scheduler")).contains("[" + sudoScheduler + "]");
        assertThat(LoopDevices.queue(sudoLoop, "read_ahead_kb").strip()).isEqualTo("768");

        SerialRun<ApplyReport> again = engine.applyFleet(runner(), hosts, "1", 0, false, r -> { });
        assertThat(again.results()).extracting(HostResult::status).containsExactly("ok", "ok");

        List<HostResult<VerifyReport>> clean = engine.verifyFleet(runner(), hosts, r -> { });
        assertThat(clean).extracting(HostResult::status).containsExactly("ok", "ok");
        assertThat(TuningEngine.anyDrift(clean)).isFalse();

        Files.writeString(Path.of("/sys/block", sudoLoop, "queue", "read_ahead_kb"), "4096"); // behind jts-fleet's back
        List<HostResult<VerifyReport>> drifted = engine.verifyFleet(runner(), hosts, r -> { });
        assertThat(TuningEngine.anyDrift(drifted)).isTrue();
        VerifyReport h02 = ((HostResult.Ok<VerifyReport>) drifted.get(1)).value();
        assertThat(h02.differences()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("h02");
            assertThat(f.device()).isEqualTo(sudoLoop);
            assertThat(f.attribute()).isEqualTo("read_ahead_kb");
            assertThat(f.expected()).isEqualTo("768");
            assertThat(f.actual()).isEqualTo("4096");
        });
        assertThat(((HostResult.Ok<VerifyReport>) drifted.get(0)).value().drift()).isFalse();

        SerialRun<RollbackReport> rolledBack = engine.rollbackFleet(runner(), hosts, "100%", 0, false, r -> { });

        assertThat(rolledBack.results()).extracting(HostResult::status).containsExactly("changed", "changed");
        assertThat(LoopDevices.queue(rootLoop, "scheduler") + LoopDevices.queue(rootLoop, "read_ahead_kb"))
                .isEqualTo(rootOriginal);
        assertThat(LoopDevices.queue(sudoLoop, "scheduler") + LoopDevices.queue(sudoLoop, "read_ahead_kb"))
                .isEqualTo(sudoOriginal);
        assertThat(tmp.resolve("rules-h01/60-jts-fleet.rules")).doesNotExist();
        assertThat(tmp.resolve("state-h02/state.json")).doesNotExist();
    }

    @Test
    void twoHostsOneRefusedByTheKernelMidApplyTheOtherEndsApplied() throws Exception {
        String sudoOriginal = LoopDevices.queue(sudoLoop, "scheduler") + LoopDevices.queue(sudoLoop, "nr_requests")
                + LoopDevices.queue(sudoLoop, "read_ahead_kb");
        String sudoScheduler = otherScheduler(sudoLoop);
        // valid for the planner (it cannot know the hardware queue depth); the kernel answers EINVAL after the
        // scheduler switch already happened
        Map<QueueAttribute, String> refused = queue(sudoScheduler, "640");
        refused.put(QueueAttribute.NR_REQUESTS, "100000");
        HostSpec good = rootHost(queue(otherScheduler(rootLoop), "640"));
        HostSpec bad = sudoHost(refused);

        SerialRun<ApplyReport> run = engine().applyFleet(runner(), List.of(good, bad), "100%", 100, false, r -> { });

        assertThat(run.results()).extracting(HostResult::status).containsExactly("changed", "failed");
        assertThat(((HostResult.Failed<ApplyReport>) run.results().get(1)).message())
                .contains("h02", sudoLoop + "/queue/nr_requests", "100000", "Invalid argument",
                        "restored " + sudoLoop + " scheduler");
        assertThat(LoopDevices.queue(sudoLoop, "scheduler") + LoopDevices.queue(sudoLoop, "nr_requests")
                + LoopDevices.queue(sudoLoop, "read_ahead_kb"))
                .isEqualTo(sudoOriginal);
        assertThat(tmp.resolve("state-h02/state.json")).doesNotExist();
        assertThat(LoopDevices.queue(rootLoop, "read_ahead_kb").strip()).isEqualTo("640");
        // leave h01's loop device as found
        assertThat(engine().rollbackFleet(runner(), List.of(good), "1", 0, false, r -> { }).results())
                .extracting(HostResult::status).containsExactly("changed");
    }
}
