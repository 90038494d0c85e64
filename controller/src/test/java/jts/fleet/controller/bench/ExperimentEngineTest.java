package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.controller.tuning.TuningPaths;
import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.BenchScripts;

/** Experiment control flow against a scripted host: restore on error, blackout refusal. */
class ExperimentEngineTest {
    private static final Clock MONDAY_NOON = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String DEVICES = "@@jts-bench-devices 1\n@@section target\npath=/data\nfstype=xfs\n"
            + "source=/dev/md0\nmajmin=9:0\n@@end\n@@section device md0\nrole=top\nscheduler=none\n@@end\n"
            + "@@section device nvme0n1\nrole=leaf\nscheduler=none [mq-deadline] kyber\n@@end\n"
            + "@@section device nvme1n1\nrole=leaf\nscheduler=none [mq-deadline] kyber\n@@end\n";

    @TempDir
    Path temp;

    private static HostSpec host(List<BlackoutWindow> blackout) {
        return new HostSpec("db-01", HostSpec.Connection.SSH, "db-01", 22, "ops", Optional.empty(), Optional.empty(),
                HostSpec.Become.SUDO, List.of(), Optional.empty(),
                new Policy(List.of(), new Maintenance(blackout, "Sat *-*-* 03:00:00", 60), Map.of()));
    }

    private ExperimentEngine engine() {
        return new ExperimentEngine(new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp), RunSettings.defaults(MONDAY_NOON),
                TargetResolver.FIXED), BenchProfiles.embedded());
    }

    private static ExecResult ok(String out) {
        return new ExecResult(0, out.getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(2));
    }

    /**
     * db-01 with the two NVMe leaves of {@link #DEVICES}: every queue-set.sh write succeeds, bench-cleanup.sh too,
     * and the connection is lost when bench.sh is started; the arguments of each are added to the lists.
     */
    private static FakeTransport lostAtBench(List<List<String>> queueSets, List<List<String>> cleanups,
                                             List<List<String>> benchRuns) {
        return new FakeTransport("db-01", (script, args, stdin) -> {
            if (script.equals(BenchScripts.DEVICES.text())) {
                return ok(DEVICES);
            }
            if (script.equals(BenchScripts.QUEUE_SET.text())) {
                queueSets.add(args);
                return ok("old=x\nnew=" + args.get(2) + "\n");
            }
            if (script.equals(BenchScripts.CLEANUP.text())) {
                cleanups.add(args);
                return ok("killed=1\n");
            }
            if (script.equals(BenchScripts.BENCH.text())) {
                benchRuns.add(args);
            }
            throw new TransportException(FailureClass.TIMEOUT, "db-01: connection lost");
        });
    }

    @Test
    void everyLeafIsRestoredWhenTheRunBreaks() {
        List<List<String>> writes = new CopyOnWriteArrayList<>();
        List<List<String>> cleanups = new CopyOnWriteArrayList<>();
        FakeTransport t = lostAtBench(writes, cleanups, new CopyOnWriteArrayList<>());
        ExperimentRequest request = ExperimentRequest.parse("scheduler=none,kyber", "rand-read-4k-qd32", "/data", 3,
                new BenchParameters(1, 16L << 20));
        assertThatThrownBy(() -> engine().run(request, host(List.of()), t, s -> { })).isInstanceOf(TransportException.class);
        assertThat(writes).as("arm A on both leaves (not on md0), then both restored").containsExactly(
                List.of("nvme0n1", "scheduler", "none"), List.of("nvme1n1", "scheduler", "none"),
                List.of("nvme0n1", "scheduler", "mq-deadline"), List.of("nvme1n1", "scheduler", "mq-deadline"));
        assertThat(cleanups).hasSize(1);
        assertThat(cleanups.get(0).get(0)).isEqualTo("/data");
    }

    @Test
    void blackoutRefusesTheTaskUnlessForced() throws Exception {
        BlackoutWindow trading = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                LocalTime.of(17, 30), ZoneId.of("UTC"));
        FakeTransport t = new FakeTransport("db-01", (s, a, i) -> ok(DEVICES));
        ExperimentRequest request = ExperimentRequest.parse("scheduler=none,kyber", "rand-read-4k-qd32", "/data", 1,
                new BenchParameters(1, 16L << 20));
        HostOutcome<ExperimentReport> refused = engine().task(request, false, MONDAY_NOON, s -> { }).run(t, host(List.of(trading)));
        assertThat(refused).isInstanceOfSatisfying(HostOutcome.Fail.class, f -> assertThat(f.message())
                .isEqualTo("db-01: experiment refused: inside maintenance.blackout[0] mon,tue,wed,thu,fri 08:00-17:30 UTC at "
                        + "2026-11-23 12:00 UTC (trading hours); nothing touched; --force --reason TEXT overrides"));
        assertThat(t.execCount()).isZero();
        HostOutcome<ExperimentReport> notOffered = engine().task(ExperimentRequest.parse("scheduler=none,bfq", "rand-read-4k-qd32",
                "/data", 1, new BenchParameters(1, 16L << 20)), true, MONDAY_NOON, s -> { }).run(t, host(List.of(trading)));
        assertThat(notOffered).isInstanceOfSatisfying(HostOutcome.Fail.class, f -> assertThat(f.message())
                .isEqualTo("db-01: nvme0n1 does not offer scheduler bfq (available: none mq-deadline kyber)"));
    }

    /**
     * A fixture host (sysroot) records each arm's bench.sh run in the sysroot's state directory, where queue-set.sh
     * records its switches and {@code history --from-hosts} reads; not in this machine's /var/lib/jts-fleet.
     */
    @Test
    void anExperimentOnASysrootHostRecordsItsRunsInTheSysrootStateDirectory() {
        List<List<String>> queueSets = new CopyOnWriteArrayList<>();
        List<List<String>> benchRuns = new CopyOnWriteArrayList<>();
        FakeTransport t = lostAtBench(queueSets, new CopyOnWriteArrayList<>(), benchRuns);
        HostSpec plain = host(List.of());
        HostSpec fixture = new HostSpec(plain.name(), plain.connection(), plain.address(), plain.port(), plain.user(),
                plain.identityFile(), plain.knownHosts(), plain.become(), plain.groups(), Optional.of("/srv/fixtures/db-01/"),
                plain.policy());
        HostRecording recording = h -> "{\"context\":\"" + h.name() + "\"}";
        ExperimentEngine engine = new ExperimentEngine(new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp),
                RunSettings.defaults(MONDAY_NOON), TargetResolver.FIXED).recordedBy(recording), BenchProfiles.embedded())
                .recordedBy(recording);
        ExperimentRequest request = ExperimentRequest.parse("scheduler=none,kyber", "rand-read-4k-qd32", "/data", 1,
                new BenchParameters(1, 16L << 20));

        assertThatThrownBy(() -> engine.run(request, fixture, t, s -> { })).isInstanceOf(TransportException.class);

        assertThat(queueSets.get(0)).as("queue-set.sh records in SYSROOT/var/lib/jts-fleet")
                .containsExactly("nvme0n1", "scheduler", "none", "/srv/fixtures/db-01", "{\"context\":\"db-01\"}");
        assertThat(benchRuns).singleElement().satisfies(args -> assertThat(args)
                .startsWith("--state-dir", "/srv/fixtures/db-01/var/lib/jts-fleet", "--change", "{\"context\":\"db-01\"}", "/data"));
        assertThat(TuningPaths.forHost(fixture).stateDir()).as("where history --from-hosts reads")
                .isEqualTo("/srv/fixtures/db-01/var/lib/jts-fleet");
    }
}
