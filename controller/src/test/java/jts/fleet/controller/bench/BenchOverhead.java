package jts.fleet.controller.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;

/**
 * Harness overhead of a bench run, for scripts/bench/bench-overhead.sh: the wall time of the whole engine run
 * (fan-out, devices script, probes, transport, parsing, storing) against the time fio itself ran on the host
 * (bench.sh's timestamps around each profile's layout and timed run, stored as {@code fio_wall_ms}).
 * Prints one line of key=value. usage: BenchOverhead TARGET PROFILES RUNTIME_S SIZE
 */
public final class BenchOverhead {
    private BenchOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        List<String> profiles = List.of(args[1].split(","));
        BenchParameters parameters = new BenchParameters(Integer.parseInt(args[2]), BenchParameters.parseSize(args[3]));
        Path store = Files.createTempDirectory("jts-bench-overhead-");
        HostSpec host = new HostSpec("local", HostSpec.Connection.LOCAL, "127.0.0.1", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of(), Optional.empty(),
                jts.fleet.controller.testing.SshdFixture.emptyPolicy());
        BenchEngine engine = new BenchEngine(BenchProfiles.embedded(), new BenchStore(store), RunSettings.defaults(Clock.systemUTC()),
                TargetResolver.FIXED);
        BenchRequest request = new BenchRequest(profiles, Optional.of(target), Optional.empty(), parameters, "overhead", false);
        long start = System.nanoTime();
        BenchEngine.BenchRun run = engine.run(request, List.of(host),
                new FleetRunner(h -> new LocalTransport(h), 1, Duration.ofHours(1)), r -> { });
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        try {
            if (!(run.results().get(0) instanceof HostResult.Ok<List<BenchDocument>> ok)) {
                System.err.println("bench run failed: " + run.results().get(0));
                System.exit(1);
                return;
            }
            long fioWall = 0;
            long layout = 0;
            long timed = 0;
            for (BenchDocument d : ok.value()) {
                for (BenchDocument.ProfileResult p : d.profiles()) {
                    fioWall += p.fioWallMs();
                    layout += p.layoutMs();
                    timed += p.summary().runtimeMs();
                }
            }
            System.out.printf(Locale.ROOT, "profiles=%s runtime_s=%d size=%s wall_ms=%d fio_wall_ms=%d fio_layout_ms=%d"
                            + " fio_timed_ms=%d harness_ms=%d harness_pct=%.2f fio_startstop_ms=%d%n",
                    String.join(",", profiles), parameters.runtimeSeconds(), args[3], wallMs, fioWall, layout, timed,
                    wallMs - fioWall, 100.0 * (wallMs - fioWall) / wallMs, fioWall - layout - timed);
        } finally {
            try (var files = Files.walk(store)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
