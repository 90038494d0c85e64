package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchRequest;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.bench.ExperimentEngine;
import jts.fleet.controller.bench.ExperimentReport;
import jts.fleet.controller.bench.ExperimentRequest;
import jts.fleet.controller.bench.TierTargets;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.CompareThresholds;
import jts.fleet.remote.bench.FleetComparison;
import jts.fleet.remote.bench.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench run|list|show|compare|report} and {@code experiment}. */
public final class BenchCommands {
    private BenchCommands() {
    }

    /** Where results are stored on the controller. */
    public static final class StoreOption {
        @Option(names = "--store", paramLabel = "DIR",
                description = "Result store (default: $XDG_DATA_HOME/jts-fleet/bench or ~/.local/share/jts-fleet/bench).")
        Path store;

        BenchStore open() {
            return new BenchStore(store != null ? store
                    : BenchStore.defaultRoot(jts.fleet.inventory.UserDirs.current()));
        }
    }

    /** Size and runtime shared by bench run and experiment. */
    public static final class Sizing {
        @Option(names = "--runtime", paramLabel = "DURATION", defaultValue = "30s", converter = RuntimeConverter.class,
                description = "fio runtime per profile, whole seconds: 30s, 2m (default: ${DEFAULT-VALUE}).")
        int runtimeSeconds = 30;

        @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1g",
                description = "Test file size per job, e.g. 256m, 4g (default: ${DEFAULT-VALUE}).")
        String size = "1g";

        BenchParameters parameters() throws UsageException {
            try {
                return new BenchParameters(runtimeSeconds, BenchParameters.parseSize(size));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** fio counts runtime in whole seconds: a duration ({@code 30s}, {@code 2m}) or a plain number of seconds. */
    public static final class RuntimeConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            // the one duration rule of the CLI and the inventory: a unit is always written (DurationConverter)
            Duration d = new DurationConverter().convert(value);
            if (d.toSeconds() < 1 || d.toMillis() % 1000 != 0) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "': fio runs whole seconds, at least 1s");
            }
            return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "fio benchmarks per tier and workload shape: run, list, show, compare, report.",
            subcommands = {Run.class, ListRuns.class, Show.class, Compare.class, Report.class})
    public static final class Bench extends GroupCommand {
    }

    /** A progress line on stderr while hosts run (terminal only): done / running / elapsed. */
    static final class Progress implements AutoCloseable {
        private final AppContext context;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();
        private final Thread ticker;

        Progress(AppContext context, int total, boolean enabled) {
            this.context = context;
            this.total = total;
            this.ticker = new Thread(this::tick, "jts-fleet-progress");
            this.ticker.setDaemon(true);
            if (enabled && context.terminal()) {
                ticker.start();
            }
        }

        void hostDone() {
            done.incrementAndGet();
        }

        private void tick() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                    context.err().printf("\r%d/%d hosts done, %d running, %02d:%02d elapsed ", done.get(), total,
                            total - done.get(), seconds / 60, seconds % 60);
                    context.err().flush();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (ticker.isAlive()) {
                ticker.interrupt();
                context.err().print("\r");
                context.err().flush();
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run fio profiles on each host's tier mounts or a directory; store one document per host.",
                "Refused inside a blackout window unless --force. Ctrl-C kills the remote fio and cleans up."})
    public static final class Run implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;
        @Mixin
        StoreOption store;
        @Mixin
        Sizing sizing;

        @Option(names = "--profile", paramLabel = "NAME", split = ",", defaultValue = "baseline",
                description = "Profiles or suites (baseline: the spec's sequential read/write and 4k QD32; quick, db, all), comma separated (default: ${DEFAULT-VALUE}).")
        List<String> profiles;

        @Option(names = "--tier", paramLabel = "NAME", description = "Every mount of this tier on each host.")
        String tier;

        @Option(names = "--target", paramLabel = "DIR", description = "A directory on each host.")
        String target;

        @Option(names = "--device", paramLabel = "/dev/X", description = "A raw block device (needs --destructive).")
        String device;

        @Option(names = "--destructive", description = "Confirm that --device's data will be overwritten.")
        boolean destructive;

        @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", description = "Label stored with the run.")
        String label;

        @Mixin
        FreezeOverride override;

        @Mixin
        ChangeOptions change;

        @Option(names = "--allow-network", description = "With --tier: also the tier's NFS/CIFS mounts (the cold "
                + "tier), at most 256 MiB per job (a NAS is shared with other hosts).")
        boolean allowNetwork;

        public Run(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            BenchRequest request;
            try {
                request = new BenchRequest(profiles, Optional.ofNullable(target), Optional.ofNullable(tier),
                        sizing.parameters(), label, override.force, Optional.ofNullable(device), destructive,
                        allowNetwork);
                BenchProfiles.embedded().resolve(profiles);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return fleet.withSession(context, session -> {
                ChangeFreeze.Decision freeze = change.freeze(context, session, "bench run", override, false);
                ChangeControl control = change.begin(context, session, "bench run", freeze.allowed(), override.force,
                        false)
                        .describedBy(BenchCommands::benchItems);
                control.refused(freeze);
                List<jts.fleet.inventory.HostSpec> runnable = freeze.allowed();
                if (runnable.isEmpty()) {
                    control.end(context);
                    return ExitCodes.REFUSED;
                }
                BenchStore results = store.open();
                BenchEngine engine = new BenchEngine(BenchProfiles.embedded(), results, session.settings().clock(),
                        new TierTargets(session.commandTimeout()), session.settings().output().documentBytes())
                        .recordedBy(control);
                FleetRunner runner = control.runner(FleetOptions.runner(session, fleet.forks,
                        session.settings().runTimeoutOr(() -> engine.runDeadline(request, runnable, fleet.forks, 4))));
                Thread hook = new Thread(engine::cleanupActive, "jts-fleet-bench-cleanup");
                Runtime.getRuntime().addShutdownHook(hook);
                BenchEngine.BenchRun run;
                try (Progress progress = new Progress(context, session.hosts().size(), !output.json())) {
                    run = engine.run(control.runId().orElseGet(engine::newRunId), request, runnable, runner, r -> {
                        progress.hostDone();
                        if (!output.json()) {
                            FleetReport.progress(context, r);
                        }
                    });
                } finally {
                    removeHook(hook);
                }
                control.end(context);
                FleetReport.print(context, output, run.results(), docs -> java.util.Map.of("documents", docs),
                        BenchText::documents, doc -> doc.put("run_id", run.runId()));
                if (!output.json()) {
                    boolean stored = run.results().stream().anyMatch(r -> r instanceof HostResult.Ok<List<BenchDocument>> ok
                            && !ok.value().isEmpty());
                    context.out().println("run " + run.runId() + (stored ? " stored in " + results.root()
                            : ": nothing stored (no host produced a result)"));
                }
                return refusedOr(FleetReport.exitCode(run.results()), runnable.size() < session.hosts().size());
            });
        }
    }

    /** For the change record of a bench run: each target measured, with its profiles (fio's files are removed after). */
    static List<jts.fleet.remote.change.ChangeItem> benchItems(Object value) {
        if (!(value instanceof List<?> documents)) {
            return List.of();
        }
        return documents.stream().filter(BenchDocument.class::isInstance).map(BenchDocument.class::cast)
                .map(d -> jts.fleet.remote.change.ChangeItem.of(d.target().path(), "fio", null,
                        d.profiles().stream().map(p -> p.summary().profile()).collect(java.util.stream.Collectors
                                .joining(",")), jts.fleet.remote.change.ChangeItem.Result.OK)
                        .withNote("benchmark run " + d.runId() + ": test files written and removed"))
                .toList();
    }

    static int refusedOr(int code, boolean someRefused) {
        return code == ExitCodes.OK && someRefused ? ExitCodes.REFUSED : code;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored benchmark runs.")
    public static final class ListRuns implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        OutputOptions output;
        @Mixin
        StoreOption store;

        public ListRuns(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            BenchStore results = store.open();
            var runs = new BenchQueries(results).list();
            context.out().print(output.json() ? Json.pretty(runs) + "\n" : HostText.escapeKeepingLines(BenchText.runs(runs)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one stored run (id or unique prefix).")
    public static final class Show implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        OutputOptions output;
        @Mixin
        StoreOption store;
        @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix.")
        String run;

        public Show(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            BenchStore results = store.open();
            List<BenchDocument> docs = queries(results).show(run);
            context.out().print(output.json() ? results.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(docs)
                    + "\n" : HostText.escapeKeepingLines(BenchText.documents(docs)));
            return ExitCodes.OK;
        }
    }

    static BenchQueries queries(BenchStore store) {
        return new BenchQueries(store);
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Compare two runs per host, profile and metric (exit 5 on a regression), or each host",
                "against the fleet median of its tier (--fleet RUN)."})
    public static final class Compare implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        OutputOptions output;
        @Mixin
        StoreOption store;

        @Parameters(paramLabel = "RUN", arity = "0..2", description = "BASE NEW, or one RUN with --fleet.")
        List<String> runs = List.of();

        @Option(names = "--fleet", description = "Compare each host of one run with the fleet median of its tier.")
        boolean fleetView;

        @Option(names = "--force", description = "Compare even different fio versions or profiles.")
        boolean force;

        @Option(names = "--throughput-threshold", paramLabel = "PCT", defaultValue = "5",
                description = "IOPS/bandwidth change counted as real, in %% (default: ${DEFAULT-VALUE}).")
        double throughputPct;

        @Option(names = "--latency-threshold", paramLabel = "PCT", defaultValue = "10",
                description = "Latency change counted as real, in %% (default: ${DEFAULT-VALUE}).")
        double latencyPct;

        @Option(names = "--outlier-factor", paramLabel = "X", defaultValue = "2.0",
                description = "--fleet: p99 this many times the median (or IOPS 1/X of it) is an outlier (default: ${DEFAULT-VALUE}).")
        double outlierFactor;

        public Compare(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            BenchStore results = store.open();
            BenchQueries queries = queries(results);
            if (fleetView) {
                if (runs.size() != 1) {
                    throw new UsageException("bench compare --fleet takes exactly one RUN");
                }
                FleetComparison f = queries.fleet(runs.get(0), outlierFactor, 1.0 / outlierFactor);
                context.out().print(output.json() ? Json.pretty(f) + "\n" : HostText.escapeKeepingLines(BenchText.fleet(f)));
                return ExitCodes.OK;
            }
            if (runs.size() != 2) {
                throw new UsageException("bench compare takes BASE and NEW run ids (or --fleet RUN)");
            }
            RunComparison c;
            try {
                c = queries.compare(runs.get(0), runs.get(1), new CompareThresholds(throughputPct, latencyPct), force);
            } catch (RunComparison.Refused e) {
                throw new UsageException(e.getMessage());
            }
            context.out().print(output.json() ? Json.pretty(c) + "\n"
                    : HostText.escapeKeepingLines(BenchText.comparison(c)));
            return c.regression() ? ExitCodes.BENCH_REGRESSION : ExitCodes.OK;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write one self-contained HTML report (charts, before/after, host vs fleet) of runs.")
    public static final class Report implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        StoreOption store;
        @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids (the first is 'before').")
        List<String> runs;
        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: a new "
                + "bench-report-RUN.html in the current directory; an existing file is never overwritten unasked).")
        Path out;

        public Report(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Path target = out != null ? out : newFileName(Path.of(""), runs.get(0));
            boolean replaced = out != null && java.nio.file.Files.exists(out);
            Path written = queries(store.open()).report(runs, target, CompareThresholds.DEFAULT);
            context.out().println("wrote " + written + (replaced ? " (replaced the file --out named)" : ""));
            return ExitCodes.OK;
        }

        /** {@code bench-report-RUN.html}, else {@code -2}, {@code -3} ...: a name no file has yet. */
        static Path newFileName(Path dir, String run) {
            String stem = "bench-report-" + run.replaceAll("[^A-Za-z0-9._-]", "_");
            Path candidate = dir.resolve(stem + ".html");
            for (int n = 2; java.nio.file.Files.exists(candidate); n++) {
                candidate = dir.resolve(stem + "-" + n + ".html");
            }
            return candidate;
        }
    }

    @Command(name = "experiment", mixinStandardHelpOptions = true,
            description = {"A/B experiment: interleave two settings of the target's device(s), measure, restore.",
                "Reports each arm's median, the difference with a 95%% bootstrap interval and a verdict."})
    public static final class Experiment implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;
        @Mixin
        StoreOption store;
        @Mixin
        Sizing sizing;

        @Option(names = "--set", required = true, paramLabel = "ATTR=A,B", description = "e.g. scheduler=none,mq-deadline")
        String set;
        @Option(names = "--profile", required = true, paramLabel = "NAME", description = "One fio profile.")
        String profile;
        @Option(names = "--target", required = true, paramLabel = "DIR", description = "Directory on the host.")
        String target;
        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds of A and B (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Mixin
        FreezeOverride override;

        @Mixin
        ChangeOptions change;

        public Experiment(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            ExperimentRequest request;
            try {
                request = ExperimentRequest.parse(set, profile, target, rounds, sizing.parameters());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return fleet.withSession(context, session -> {
                ChangeFreeze.Decision freeze = change.freeze(context, session, "experiment", override, false);
                ChangeControl control = change.begin(context, session, "experiment", freeze.allowed(), override.force,
                        false);
                control.refused(freeze);
                List<jts.fleet.inventory.HostSpec> runnable = freeze.allowed();
                if (runnable.isEmpty()) {
                    control.end(context);
                    return ExitCodes.REFUSED;
                }
                BenchProfiles profiles = BenchProfiles.embedded();
                BenchEngine bench = new BenchEngine(profiles, store.open(), session.settings().clock(),
                        new TierTargets(session.commandTimeout()), session.settings().output().documentBytes())
                        .recordedBy(control);
                ExperimentEngine engine = new ExperimentEngine(bench, profiles).recordedBy(control);
                Thread hook = new Thread(engine::restoreActive, "jts-fleet-experiment-restore");
                Runtime.getRuntime().addShutdownHook(hook);
                List<HostResult<ExperimentReport>> results;
                try {
                    FleetRunner runner = control.runner(FleetOptions.runner(session, fleet.forks,
                            session.settings().runTimeoutOr(() -> engine.runDeadline(request, runnable, fleet.forks))));
                    results = runner.run(runnable, engine.task(request, override.force, session.settings().clock(), line -> {
                        if (!output.json() && context.terminal()) {
                            context.err().println(HostText.escape(line));
                        }
                    }), r -> {
                        if (!output.json()) {
                            FleetReport.progress(context, r);
                        }
                    });
                } finally {
                    removeHook(hook);
                }
                control.end(context);
                FleetReport.print(context, output, results, r -> r, BenchText::experiment, doc -> { });
                return refusedOr(FleetReport.exitCode(results), runnable.size() < session.hosts().size());
            });
        }
    }
}
