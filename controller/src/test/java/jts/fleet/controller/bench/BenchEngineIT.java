package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.FioJsonParser;
import jts.fleet.remote.bench.FioSummarizer;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * Real fio on an ext4 loop filesystem, through LocalTransport and through real sshd: every profile runs and
 * what is stored agrees with fio's own document; nothing is left behind, also after an interrupt; missing fio
 * and a full filesystem are clear per-host errors.
 */
class BenchEngineIT {
    /** mkfs.ext4 options that initialise inode tables and journal now, not in the background during a benchmark. */
    static final String[] EXT4_NOW = {"-E", "lazy_itable_init=0,lazy_journal_init=0"};

    private static LoopDevices loops;
    private static LoopDevices.Filesystem fs;

    @TempDir
    Path temp;

    @BeforeAll
    static void mount() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("fio");
        Environment.requireTool("losetup");
        Environment.requireTool("mkfs.ext4");
        loops = LoopDevices.inTempDir("jts-bench-loop-");
        fs = loops.filesystem("fs", 256L << 20, "ext4", EXT4_NOW);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (loops != null) {
            loops.close();
        }
    }

    static HostSpec local(String name) {
        return new HostSpec(name, HostSpec.Connection.LOCAL, "127.0.0.1", 22, "root", Optional.empty(), Optional.empty(),
                HostSpec.Become.NONE, List.of("it"), Optional.empty(), SshdFixture.emptyPolicy());
    }

    private BenchEngine engine() {
        return new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")), RunSettings.defaults(Clock.systemUTC()),
                TargetResolver.FIXED);
    }

    private static BenchRequest request(List<String> profiles, String target, long size) {
        return new BenchRequest(profiles, Optional.of(target), Optional.empty(), new BenchParameters(1, size), "it", false);
    }

    /** Pids whose command line mentions {@code needle} (fio or bench.sh of a run). */
    static List<String> processesMentioning(String needle) throws IOException {
        List<String> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmdline.contains(needle) && !cmdline.contains("bench-cleanup")) {
                        found.add(p.getFileName() + ": " + cmdline.substring(0, Math.min(200, cmdline.length())));
                    }
                } catch (IOException e) {
                    // process exited while we looked
                }
            }
        }
        return found;
    }

    @Test
    void everyProfileRunsAndStoredSummariesMatchStoredFioDocuments() throws Exception {
        BenchEngine engine = engine();
        HostSpec host = local("local-01");
        List<String> all = BenchProfiles.embedded().suites().get("all");
        List<HostResult<List<BenchDocument>>> seen = new ArrayList<>();
        BenchEngine.BenchRun run = engine.run(request(List.of("all"), fs.mount().toString(), 16L << 20), List.of(host),
                new FleetRunner(h -> new LocalTransport(h), 4, Duration.ofMinutes(5)), seen::add);
        assertThat(seen).hasSize(1);
        HostResult<List<BenchDocument>> result = run.results().get(0);
        assertThat(result).as("%s", result).isInstanceOf(HostResult.Ok.class);

        BenchStore store = new BenchStore(temp.resolve("store"));
        List<BenchDocument> stored = store.load(run.runId());
        assertThat(stored).hasSize(1);
        BenchDocument doc = stored.get(0);
        assertThat(doc.host()).isEqualTo("local-01");
        assertThat(doc.fioVersion()).startsWith("fio-");
        assertThat(doc.direct()).as("ext4 on a loop device accepts O_DIRECT").isTrue();
        assertThat(doc.engine()).isIn("io_uring", "libaio");
        assertThat(doc.target().leaves()).extracting(q -> q.name()).containsExactly(fs.device());
        assertThat(doc.target().devices().get(0).queue()).containsKey("scheduler");
        assertThat(doc.profiles()).extracting(p -> p.summary().profile()).containsExactlyElementsOf(all);
        for (BenchDocument.ProfileResult p : doc.profiles()) {
            var recomputed = FioSummarizer.summarize(p.summary().profile(),
                    FioJsonParser.parse(p.fio(), "", p.summary().profile()), p.summary().direct(), p.summary().pageCache());
            assertThat(p.summary()).as("stored summary of %s equals the stored fio document", p.summary().profile())
                    .isEqualTo(recomputed);
            assertThat(p.summary().iops()).as("%s iops", p.summary().profile()).isPositive();
            assertThat(p.summary().error()).isNull();
            assertThat(p.summary().pageCache()).isFalse();
            assertThat(p.summary().direct()).as("%s direct", p.summary().profile())
                    .isEqualTo(!p.summary().profile().equals("etcd-fsync"));
        }
        assertThat(doc.summary("pg-wal").orElseThrow().syncLatP99Us()).as("fdatasync latency").isPositive();
        assertThat(doc.summary("etcd-fsync").orElseThrow().syncLatP999Us()).isPositive();
        assertThat(doc.summary("rand-read-4k-qd1").orElseThrow().syncLatP99Us()).isNull();
        assertThat(doc.summary("clickhouse-merge").orElseThrow().readIops()).isPositive();
        assertThat(doc.summary("clickhouse-merge").orElseThrow().writeIops()).isPositive();
        assertThat(LoopDevices.leftovers(fs.mount())).as("test files left on the target").isEmpty();
        assertThat(processesMentioning(".jts-fleet-bench-" + run.runId())).isEmpty();
        assertThat(store.list()).singleElement().satisfies(i -> assertThat(i.hosts()).containsExactly("local-01"));
    }

    @Test
    void interruptedRunLeavesNoFileAndNoFio() throws Exception {
        BenchEngine engine = engine();
        HostSpec host = local("local-02");
        BenchRequest request = new BenchRequest(List.of("rand-read-4k-qd1"), Optional.of(fs.mount().toString()),
                Optional.empty(), new BenchParameters(30, 16L << 20), "interrupt", false);
        AtomicReference<BenchEngine.BenchRun> done = new AtomicReference<>();
        Thread controller = new Thread(() -> done.set(engine.run(request, List.of(host),
                new FleetRunner(h -> new LocalTransport(h), 4, Duration.ofMinutes(2)), r -> { })), "bench-controller");
        controller.start();
        // wait until fio is really running in the run directory
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (processesMentioning("/.jts-fleet-bench-").stream().noneMatch(p -> p.contains(" fio ") || p.contains("fio --"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(LoopDevices.leftovers(fs.mount())).as("run directory while running")
                .anyMatch(n -> n.startsWith(".jts-fleet-bench-"));
        controller.interrupt();
        controller.join(Duration.ofSeconds(40).toMillis());
        assertThat(controller.isAlive()).as("controller thread finished").isFalse();
        assertThat(done.get().results().get(0)).isInstanceOf(HostResult.Failed.class);
        assertThat(LoopDevices.leftovers(fs.mount())).as("test files left after interrupt").isEmpty();
        assertThat(processesMentioning(".jts-fleet-bench-" + done.get().runId())).isEmpty();
    }

    @Test
    void missingFioAndFullFilesystemAreClearPerHostErrors() throws Exception {
        Path bin = PathOverrideTransport.binWithout(temp, Set.of("fio"));
        HostSpec noFio = local("no-fio");
        HostSpec full = local("tiny-fs");
        HostSpec good = local("good");
        try (LoopDevices tinyLoops = LoopDevices.inTempDir("jts-bench-loop-")) {
            LoopDevices.Filesystem tiny = tinyLoops.filesystem("fs", 16L << 20, "ext4", EXT4_NOW);
            Function<HostSpec, Transport> transports = h -> switch (h.name()) {
                case "no-fio" -> new PathOverrideTransport(new LocalTransport(h), bin);
                default -> new LocalTransport(h);
            };
            // one run over three hosts: each host's problem is its own, the healthy host still runs
            TargetResolver perHost = (h, t, r) -> List.of(h.name().equals("tiny-fs") ? tiny.mount().toString() : fs.mount().toString());
            BenchEngine engine = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")), RunSettings.defaults(Clock.systemUTC()),
                    perHost);
            BenchEngine.BenchRun run = engine.run(request(List.of("pg-wal"), fs.mount().toString(), 64L << 20),
                    List.of(noFio, full, good), new FleetRunner(transports, 4, Duration.ofMinutes(2)), r -> { });
            assertThat(run.results().get(0)).isInstanceOfSatisfying(HostResult.Failed.class, f -> assertThat(f.message())
                    .isEqualTo("no-fio: " + fs.mount() + ": fio not installed: apt-get install fio / dnf install fio (bench.sh exit 127)"));
            assertThat(run.results().get(1)).isInstanceOfSatisfying(HostResult.Failed.class, f -> assertThat(f.message())
                    .startsWith("tiny-fs: " + tiny.mount() + ": not enough free space on " + tiny.mount() + ": ")
                    .contains("bytes needed"));
            assertThat(run.results().get(2)).as("%s", run.results().get(2)).isInstanceOf(HostResult.Ok.class);
            assertThat(LoopDevices.leftovers(tiny.mount())).isEmpty();
            assertThat(LoopDevices.leftovers(fs.mount())).isEmpty();
        }
    }

    @Test
    void tierResolvesToTheTiersMountsFromAGather() throws Exception {
        Thresholds thresholds = new Thresholds(5, 20, 5, 20, 10, 50, 1, 5, 8, 80, 90);
        Tier bench = new Tier("bench-it", new TierMatch(Set.of(), List.of(), List.of(fs.mount().toString())), Map.of(),
                false, thresholds, false);
        Policy policy = new Policy(List.of(bench), SshdFixture.emptyPolicy().maintenance(), Map.of());
        HostSpec host = new HostSpec("local-tier", HostSpec.Connection.LOCAL, "127.0.0.1", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of("it"), Optional.empty(), policy);
        BenchEngine engine = new BenchEngine(BenchProfiles.embedded(), new BenchStore(temp.resolve("store")),
                RunSettings.defaults(Clock.systemUTC()), new TierTargets(Duration.ofSeconds(30)));
        BenchRequest request = new BenchRequest(List.of("pg-wal"), Optional.empty(), Optional.of("bench-it"),
                new BenchParameters(1, 16L << 20), "tier", false);
        BenchEngine.BenchRun run = engine.run(request, List.of(host),
                new FleetRunner(h -> new LocalTransport(h), 4, Duration.ofMinutes(2)), r -> { });
        assertThat(run.results().get(0)).as("%s", run.results().get(0)).isInstanceOf(HostResult.Ok.class);
        BenchDocument doc = new BenchStore(temp.resolve("store")).load(run.runId()).get(0);
        assertThat(doc.tier()).isEqualTo("bench-it");
        assertThat(doc.target().path()).isEqualTo(fs.mount().toString());
        assertThat(LoopDevices.leftovers(fs.mount())).isEmpty();

        BenchRequest missing = new BenchRequest(List.of("pg-wal"), Optional.empty(), Optional.of("nope"),
                new BenchParameters(1, 16L << 20), "tier", false);
        assertThat(engine.run(missing, List.of(host), new FleetRunner(h -> new LocalTransport(h), 4, Duration.ofMinutes(1)),
                r -> { }).results().get(0)).isInstanceOfSatisfying(HostResult.Failed.class,
                f -> assertThat(f.message()).isEqualTo("local-tier: the policy has no tier nope"));
    }

    @Test
    void rawDeviceOnlyWhenDestructiveAndUnused() throws Exception {
        BenchParameters parameters = new BenchParameters(1, 16L << 20);
        assertThatThrownBy(() -> new BenchRequest(List.of("rand-read-4k-qd1"), Optional.empty(), Optional.empty(), parameters,
                "raw", false, Optional.of("/dev/loop9"), false)).hasMessageContaining("add --destructive to confirm");
        BenchEngine engine = engine();
        HostSpec host = local("local-raw");
        FleetRunner runner = new FleetRunner(h -> new LocalTransport(h), 4, Duration.ofMinutes(2));
        BenchRequest onMounted = new BenchRequest(List.of("rand-read-4k-qd1"), Optional.empty(), Optional.empty(), parameters,
                "raw", false, Optional.of(fs.devicePath()), true);
        assertThat(engine.run(onMounted, List.of(host), runner, r -> { }).results().get(0))
                .isInstanceOfSatisfying(HostResult.Failed.class, f -> assertThat(f.message()).isEqualTo("local-raw: "
                        + fs.devicePath() + ": " + fs.devicePath() + ": " + fs.device()
                        + " is mounted; refusing to write to it (bench.sh exit 3)"));
        try (LoopDevices bareLoops = LoopDevices.inTempDir("jts-bench-loop-")) {
            String bare = bareLoops.attach("fs", 64L << 20, null);
            BenchRequest raw = new BenchRequest(List.of("rand-read-4k-qd1", "clickhouse-merge"), Optional.empty(), Optional.empty(),
                    parameters, "raw", false, Optional.of("/dev/" + bare), true);
            BenchEngine.BenchRun run = engine.run(raw, List.of(host), runner, r -> { });
            assertThat(run.results().get(0)).as("%s", run.results().get(0)).isInstanceOf(HostResult.Ok.class);
            BenchDocument doc = new BenchStore(temp.resolve("store")).load(run.runId()).get(0);
            assertThat(doc.target().fstype()).isEqualTo("raw");
            assertThat(doc.target().leaves()).extracting(q -> q.name()).containsExactly(bare);
            assertThat(doc.summary("rand-read-4k-qd1").orElseThrow().iops()).isPositive();
            assertThat(doc.summary("clickhouse-merge").orElseThrow().readIops()).isPositive();
            assertThat(doc.summary("clickhouse-merge").orElseThrow().writeIops()).isPositive();
            assertThat(Path.of("/tmp/.jts-fleet-bench-" + run.runId())).doesNotExist();
        }
    }

    @Test
    void overRealSshd() throws Exception {
        SshdFixture.require();
        try (SshdFixture sshd = SshdFixture.start(1)) {
            Path knownHosts = sshd.writeKnownHosts();
            HostSpec host = sshd.host(0, "root", sshd.ed25519Identity(), knownHosts, false);
            SshOptions options = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5));
            BenchEngine engine = engine();
            BenchEngine.BenchRun run = engine.run(request(List.of("quick"), fs.mount().toString(), 16L << 20), List.of(host),
                    new FleetRunner(h -> new SshTransport(h, options), 4, Duration.ofMinutes(2)), r -> { });
            assertThat(run.results().get(0)).as("%s", run.results().get(0)).isInstanceOf(HostResult.Ok.class);
            BenchDocument doc = new BenchStore(temp.resolve("store")).load(run.runId()).get(0);
            assertThat(doc.profiles()).extracting(p -> p.summary().profile())
                    .containsExactly("rand-read-4k-qd1", "rand-write-4k-qd32", "pg-wal");
            for (BenchDocument.ProfileResult p : doc.profiles()) {
                assertThat(p.summary()).isEqualTo(FioSummarizer.summarize(p.summary().profile(),
                        FioJsonParser.parse(p.fio(), "", p.summary().profile()), p.summary().direct(), p.summary().pageCache()));
            }
            assertThat(LoopDevices.leftovers(fs.mount())).isEmpty();

            // interrupted mid-run over SSH: the channel closes, the remote sh keeps running without a PTY, so
            // only bench-cleanup.sh (sent on a new channel of the same connection) can stop fio in time
            interruptMidRun(engine, host, h -> new SshTransport(h, options));
        }
    }

    private void interruptMidRun(BenchEngine engine, HostSpec host, Function<HostSpec, Transport> transports) throws Exception {
        BenchRequest request = new BenchRequest(List.of("rand-read-4k-qd1"), Optional.of(fs.mount().toString()),
                Optional.empty(), new BenchParameters(30, 16L << 20), "interrupt", false);
        AtomicReference<BenchEngine.BenchRun> done = new AtomicReference<>();
        Thread controller = new Thread(() -> done.set(engine.run(request, List.of(host),
                new FleetRunner(transports, 4, Duration.ofMinutes(2)), r -> { })), "bench-controller-" + host.name());
        controller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (processesMentioning("/.jts-fleet-bench-").stream().noneMatch(p -> p.contains("fio --output-format=json"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processesMentioning("/.jts-fleet-bench-")).as("fio running").anyMatch(p -> p.contains("fio --output-format=json"));
        long interruptedAt = System.nanoTime();
        controller.interrupt();
        controller.join(Duration.ofSeconds(40).toMillis());
        assertThat(controller.isAlive()).as("controller thread finished").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).as("stopped well before fio's 30 s")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(done.get().results().get(0)).isInstanceOf(HostResult.Failed.class);
        assertThat(LoopDevices.leftovers(fs.mount())).as("test files left after interrupt").isEmpty();
        assertThat(processesMentioning(".jts-fleet-bench-" + done.get().runId())).isEmpty();
    }
}
