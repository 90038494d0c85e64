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
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
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

    @Test
    void everyLeafIsRestoredWhenTheRunBreaks() {
        List<List<String>> writes = new CopyOnWriteArrayList<>();
        List<List<String>> cleanups = new CopyOnWriteArrayList<>();
        FakeTransport t = new FakeTransport("db-01", (script, args, stdin) -> {
            if (script.equals(BenchScripts.DEVICES.text())) {
                return ok(DEVICES);
            }
            if (script.equals(BenchScripts.QUEUE_SET.text())) {
                writes.add(args);
                return ok("old=x\nnew=" + args.get(2) + "\n");
            }
            if (script.equals(BenchScripts.CLEANUP.text())) {
                cleanups.add(args);
                return ok("killed=1\n");
            }
            throw new TransportException(FailureClass.TIMEOUT, "db-01: connection lost");
        });
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
}
