package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
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
import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.bench.FioJsonParser;
import jts.fleet.remote.bench.FioSummarizer;

/** The engine's host task against scripted transports: what it sends, what it stores, how it fails. */
class BenchEngineTest {
    private static final Clock MONDAY_NOON = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String DEVICES = "@@jts-bench-devices 1\n@@section target\npath=/data\nfstype=ext2/ext3\n"
            + "source=/dev/nvme0n1p1\nmajmin=259:1\n@@end\n@@section device nvme0n1\nrole=top,leaf\n"
            + "scheduler=[none] mq-deadline\nread_ahead_kb=128\n@@end\n";

    @TempDir
    Path temp;

    private static HostSpec host(String name, Policy policy) {
        return new HostSpec(name, HostSpec.Connection.SSH, name, 22, "ops", Optional.empty(), Optional.empty(),
                HostSpec.Become.SUDO, List.of("db"), Optional.empty(), policy);
    }

    private static Policy policy(List<BlackoutWindow> blackout) {
        return new Policy(List.of(), new Maintenance(blackout, "Sat *-*-* 03:00:00", 60), Map.of());
    }

    private BenchEngine engine(Clock clock) {
        return new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp), RunSettings.defaults(clock), TargetResolver.FIXED);
    }

    private static BenchRequest request(List<String> profiles, boolean force) {
        return new BenchRequest(profiles, Optional.of("/data"), Optional.empty(), new BenchParameters(1, 8L << 20), "t", force);
    }

    private static ExecResult ok(String stdout) {
        return new ExecResult(0, stdout.getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(5));
    }

    static String recordedBenchOutput() throws Exception {
        try (InputStream in = BenchEngineTest.class.getResourceAsStream("/bench/bench-sh-output-fio-3.33.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A recorded run hands bench.sh the state directory the engine was given (the host's default is not passed);
     * one that is not a plain absolute path is refused before any host is asked.
     */
    @Test
    void aRecordedRunTellsBenchShWhereToRecord() throws Exception {
        String recorded = recordedBenchOutput();
        List<List<String>> argLists = new CopyOnWriteArrayList<>();
        FakeTransport t = new FakeTransport("db-01", (script, args, stdin) -> {
            argLists.add(args);
            return ok(script.equals(BenchScripts.DEVICES.text()) ? DEVICES : recorded);
        });
        HostRecording recording = h -> "{\"context\":\"" + h.name() + "\"}";
        BenchEngine engine = engine(MONDAY_NOON).recordedBy(recording);
        engine.runHost("20261123T120000Z-abcd", request(List.of("pg-wal"), false), host("db-01", policy(List.of())), t);
        assertThat(argLists.get(1)).startsWith("--change", "{\"context\":\"db-01\"}", "/data");

        engine.recordingIn("/tmp/jts-state");
        engine.runHost("20261123T120000Z-abce", request(List.of("pg-wal"), false), host("db-01", policy(List.of())), t);
        assertThat(argLists.get(3)).startsWith("--state-dir", "/tmp/jts-state", "--change", "{\"context\":\"db-01\"}",
                "/data");

        engine.recordedBy(HostRecording.NONE);
        engine.runHost("20261123T120000Z-abcf", request(List.of("pg-wal"), false), host("db-01", policy(List.of())), t);
        assertThat(argLists.get(5)).as("nothing recorded, no state directory").startsWith("/data");

        assertThatThrownBy(() -> engine.recordingIn("relative/state")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state directory \"relative/state\" is not a plain absolute path");
        assertThatThrownBy(() -> engine.recordingIn("/var/lib/../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesOneDocumentWhoseSummariesComeFromTheFioDocuments() throws Exception {
        String recorded = recordedBenchOutput();
        List<String> scripts = new CopyOnWriteArrayList<>();
        List<List<String>> argLists = new CopyOnWriteArrayList<>();
        List<String> stdins = new CopyOnWriteArrayList<>();
        FakeTransport t = new FakeTransport("db-01", (script, args, stdin) -> {
            scripts.add(script);
            argLists.add(args);
            stdins.add(new String(stdin, StandardCharsets.UTF_8));
            return ok(script.equals(BenchScripts.DEVICES.text()) ? DEVICES : recorded);
        });
        BenchEngine engine = engine(MONDAY_NOON);
        HostOutcome<List<BenchDocument>> outcome = engine.runHost("20261123T120000Z-abcd",
                request(List.of("pg-wal", "rand-read-4k-qd1"), false), host("db-01", policy(List.of())), t);
        assertThat(outcome).isInstanceOf(HostOutcome.Done.class);
        assertThat(scripts).containsExactly(BenchScripts.DEVICES.text(), BenchScripts.BENCH.text());
        assertThat(argLists.get(1)).containsExactly("/data", "20261123T120000Z-abcd", "1", String.valueOf((8L << 20) * 11 / 10),
                "pg-wal", "rand-read-4k-qd1");
        assertThat(stdins.get(1)).startsWith("@@profile pg-wal\n; jts-fleet profile pg-wal (embedded)\n")
                .contains("@@profile rand-read-4k-qd1\n");

        BenchDocument doc = new BenchStore(temp).load("20261123T120000Z-abcd").get(0);
        assertThat(doc.host()).isEqualTo("db-01");
        assertThat(doc.time()).isEqualTo("2026-11-23T12:00Z");
        assertThat(doc.engine()).isEqualTo("io_uring");
        assertThat(doc.target().leaves()).singleElement().satisfies(q -> assertThat(q.activeScheduler()).isEqualTo("none"));
        for (BenchDocument.ProfileResult p : doc.profiles()) {
            assertThat(p.summary()).isEqualTo(FioSummarizer.summarize(p.summary().profile(),
                    FioJsonParser.parse(p.fio(), "", "x"), true));
        }
    }

    @Test
    void blackoutWindowRefusesUnlessForced() throws Exception {
        BlackoutWindow trading = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                LocalTime.of(17, 30), ZoneId.of("UTC"));
        String recorded = recordedBenchOutput();
        FakeTransport t = new FakeTransport("db-02", (s, a, i) -> ok(s.equals(BenchScripts.DEVICES.text()) ? DEVICES : recorded));
        HostSpec host = host("db-02", policy(List.of(trading)));
        HostOutcome<List<BenchDocument>> refused = engine(MONDAY_NOON).runHost("r1", request(List.of("pg-wal"), false), host, t);
        assertThat(refused).isInstanceOfSatisfying(HostOutcome.Fail.class, f -> assertThat(f.message())
                .isEqualTo("db-02: bench run refused: inside maintenance.blackout[0] mon,tue,wed,thu,fri 08:00-17:30 UTC at "
                        + "2026-11-23 12:00 UTC (trading hours); nothing touched; --force --reason TEXT overrides"));
        assertThat(t.execCount()).isZero();
        assertThat(engine(MONDAY_NOON).runHost("r2", request(List.of("pg-wal", "rand-read-4k-qd1"), true), host, t))
                .isInstanceOf(HostOutcome.Done.class);
    }

    @Test
    void garbageAndScriptErrorsNameTheHost() throws Exception {
        FakeTransport sudo = new FakeTransport("db-03", (s, a, i) -> new ExecResult(1, new byte[0],
                "sudo: a password is required\n", Duration.ofMillis(3)));
        assertThat(engine(MONDAY_NOON).runHost("r", request(List.of("pg-wal"), false), host("db-03", policy(List.of())), sudo))
                .isInstanceOfSatisfying(HostOutcome.Fail.class, f -> assertThat(f.message()).isEqualTo(
                        "db-03: no \"@@jts-bench-devices 1\" header in the script output (empty) (exit 1, stderr: sudo: a password is required)"));
        FakeTransport full = new FakeTransport("db-04", (s, a, i) -> s.equals(BenchScripts.DEVICES.text()) ? ok(DEVICES)
                : new ExecResult(4, "@@jts-bench 1\n@@section error\nnot enough free space on /data: 10 bytes free, 9227468 bytes needed\n@@end\n"
                        .getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(3)));
        assertThat(engine(MONDAY_NOON).runHost("r", request(List.of("pg-wal"), false), host("db-04", policy(List.of())), full))
                .isInstanceOfSatisfying(HostOutcome.Fail.class, f -> assertThat(f.message()).isEqualTo(
                        "db-04: /data: not enough free space on /data: 10 bytes free, 9227468 bytes needed (bench.sh exit 4)"));
        assertThatThrownBy(() -> engine(MONDAY_NOON).runHost("r", request(List.of("nope"), false), host("db-05", policy(List.of())), full))
                .hasMessageStartingWith("unknown bench profile \"nope\"");
    }

    @Test
    void aBrokenConnectionDuringTheRunTriggersTheCleanupScript() throws Exception {
        List<List<String>> cleanups = new CopyOnWriteArrayList<>();
        FakeTransport t = new FakeTransport("db-06", (script, args, stdin) -> {
            if (script.equals(BenchScripts.DEVICES.text())) {
                return ok(DEVICES);
            }
            if (script.equals(BenchScripts.CLEANUP.text())) {
                cleanups.add(args);
                return ok("killed=2\nremoved=/data/.jts-fleet-bench-r9\n");
            }
            throw new TransportException(FailureClass.TIMEOUT, "db-06: interrupted, command killed");
        });
        assertThatThrownBy(() -> engine(MONDAY_NOON).runHost("r9", request(List.of("pg-wal"), false), host("db-06", policy(List.of())), t))
                .isInstanceOf(TransportException.class);
        assertThat(cleanups).containsExactly(List.of("/data", "r9"));
    }

    @Test
    void deadlinesCoverRuntimeLayoutAndBatches() {
        BenchEngine engine = engine(MONDAY_NOON);
        var quick = BenchProfiles.embedded().resolve(List.of("quick"));
        BenchParameters p = new BenchParameters(60, 1L << 30);
        // 60 s probes + 3 x (60 s + 1 GiB at 20 MiB/s = 51 s + 15 s)
        assertThat(BenchEngine.execTimeout(quick, p, false)).isEqualTo(Duration.ofSeconds(60 + 3 * (60 + 51 + 15)));
        BenchRequest r = new BenchRequest(List.of("quick"), Optional.of("/data"), Optional.empty(), p, "", false);
        List<HostSpec> hosts = List.of(host("a", policy(List.of())), host("b", policy(List.of())), host("c", policy(List.of())));
        // two batches of (bench.sh + the device probe, which gets the command deadline: 60 s by default) + 2 min
        assertThat(engine.runDeadline(r, hosts, 2, 1)).isEqualTo(Duration.ofSeconds(2 * (438 + 60) + 120));
        BenchEngine quickCommands = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp),
                RunSettings.defaults(MONDAY_NOON).withCommandTimeout(Duration.ofSeconds(10)), TargetResolver.FIXED);
        assertThat(quickCommands.runDeadline(r, hosts, 2, 1)).as("the probe's deadline comes from the settings")
                .isEqualTo(Duration.ofSeconds(2 * (438 + 10) + 120));
    }

    @Test
    void runIdsAreTimeBasedAndValid() {
        String id = engine(MONDAY_NOON).newRunId();
        assertThat(id).matches("20261123T120000Z-[0-9a-f]{4}");
    }
}
