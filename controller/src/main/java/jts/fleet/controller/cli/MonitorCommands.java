package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.monitor.CheckEngine;
import jts.fleet.controller.monitor.CheckReport;
import jts.fleet.controller.monitor.CheckTarget;
import jts.fleet.controller.monitor.Finding;
import jts.fleet.controller.monitor.MonitorEngine;
import jts.fleet.controller.monitor.Severity;
import jts.fleet.controller.monitor.WatchEngine;
import jts.fleet.controller.monitor.WatchOptions;
import jts.fleet.controller.monitor.WatchTarget;
import jts.fleet.controller.monitor.WatchView;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.monitor.AlertRules;
import jts.fleet.remote.monitor.Dashboard;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.tuning.TuningPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watch}, {@code check}, {@code monitor install|run-once}, {@code render alerts|dashboard}. */
public final class MonitorCommands {
    private MonitorCommands() {
    }

    /** Gathers every host once (tiers per device); hosts that fail are reported and left out. */
    static Map<HostSpec, StorageModel> gatherAll(AppContext context, FleetSession session, boolean quiet) {
        List<HostResult<StorageModel>> results = session.runner().run(session.hosts(),
                (transport, host) -> HostOutcome.ok(HostGather.model(transport, host, session.commandTimeout())),
                r -> {
                    if (!quiet) {
                        FleetReport.progress(context, r);
                    }
                });
        Map<HostSpec, StorageModel> models = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof HostResult.Ok<StorageModel> ok) {
                models.put(session.hosts().get(i), ok.value());
            }
        }
        FleetReport.printErrors(context.err(), results);
        return models;
    }

    static java.util.function.Function<String, Transport> transports(FleetSession session) {
        Map<String, HostSpec> byName = new LinkedHashMap<>();
        session.hosts().forEach(h -> byName.put(h.name(), h));
        return name -> session.pool().get(byName.get(name), session.sshOptions());
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Live fleet I/O view (iostat -x semantics), worst devices first.",
                "One sampler per host streams its counters, stamped with the host's clock, over a persistent",
                "connection: a slow login shell is paid once, rates follow the host's clock, a late host shows",
                "a gap. Breaches of the tier thresholds are highlighted. -o json: one JSON object per interval."})
    public static final class Watch implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "Sampling interval (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--count", paramLabel = "N", defaultValue = "0",
                description = "Stop after N intervals (default: until interrupted).")
        long count;

        @Option(names = "--tier", paramLabel = "NAME", split = ",", description = "Only devices of these tiers.")
        Set<String> tiers = Set.of();

        @Option(names = "--device", paramLabel = "GLOB", split = ",", description = "Only devices matching these globs.")
        List<String> devices = List.of();

        @Option(names = "--all-devices", description = "Also show idle devices outside every tier.")
        boolean showIdle;

        public Watch(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            if (interval.isZero() || interval.isNegative()) {
                throw new UsageException("--interval must be above zero");
            }
            WatchOptions options;
            try {
                options = new WatchOptions(interval, count, Set.copyOf(tiers), List.copyOf(devices), showIdle,
                        WatchOptions.defaultTimeout(interval));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return fleet.withSession(context, session -> {
                Map<HostSpec, StorageModel> models = gatherAll(context, session, output.json());
                if (models.isEmpty()) {
                    return FleetReport.exitCode(List.of()) == 0 ? ExitCodes.HOST_UNREACHABLE : ExitCodes.HOST_FAILED;
                }
                List<WatchTarget> targets = new ArrayList<>();
                models.forEach((host, model) -> targets.add(WatchTarget.of(host, model)));
                boolean ansi = Colors.enabled(context);
                try (WatchEngine engine = new WatchEngine(targets, transports(session), options, session.settings().clock())) {
                    engine.run(tick -> {
                        if (output.json()) {
                            context.out().println(WatchView.json(tick));
                        } else {
                            if (ansi) {
                                context.out().print("\u001b[H\u001b[2J");
                            }
                            context.out().print(WatchView.text(tick, ansi));
                            context.out().println();
                        }
                        context.out().flush();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return models.size() == session.hosts().size() ? ExitCodes.OK : ExitCodes.HOST_FAILED;
            });
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Evaluate the tier thresholds once, Nagios style (exit 0/1/2/3).",
                "Latency, flush latency, drift, TRIM overdue and NVMe health; one line per finding. The status",
                "line carries performance data per host and tier ('hot_read_await_ms'=0.4ms;1;5). A bad",
                "command line or inventory is UNKNOWN (exit 3), as the plugin guidelines ask."})
    public static final class Check implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "Time between the two I/O samples (default: ${DEFAULT-VALUE}).")
        Duration gap;

        public Check(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            try {
                return check();
            } catch (jts.fleet.inventory.InventoryException | UsageException e) {
                context.out().println("JTS-FLEET STORAGE UNKNOWN - " + e.getMessage());
                context.err().println("jts-fleet: " + e.getMessage());
                return Severity.UNKNOWN.exitCode();
            }
        }

        private int check() throws Exception {
            return fleet.withSession(context, session -> {
                List<HostResult<StorageModel>> gathered = session.runner().run(session.hosts(),
                        (transport, host) -> HostOutcome.ok(HostGather.model(transport, host, session.commandTimeout())),
                        r -> { });
                List<CheckTarget> targets = new ArrayList<>();
                List<Finding> unknown = new ArrayList<>();
                for (int i = 0; i < gathered.size(); i++) {
                    HostSpec host = session.hosts().get(i);
                    if (gathered.get(i) instanceof HostResult.Ok<StorageModel> ok) {
                        targets.add(CheckTarget.of(host, ok.value(), Optional.of(drift(host, ok.value()))));
                    } else {
                        unknown.add(new Finding(host.name(), Severity.UNKNOWN,
                                FleetReport.hostEntry(gathered.get(i)).path("error").asText()));
                    }
                }
                CheckReport checked = new CheckEngine(transports(session), gap, session.settings().clock()).run(targets);
                List<Finding> findings = new ArrayList<>(checked.findings());
                findings.addAll(unknown);
                CheckReport report = new CheckReport(findings, session.hosts().size(), checked.perfdata());
                if (output.json()) {
                    context.out().println(Json.pretty(report.json()));
                } else {
                    context.out().print(report.render());
                }
                return report.exitCode();
            });
        }

        /**
         * Tuning drift from the same snapshot: on a host jts-fleet has tuned (state recorded), every planned
         * setting that differs now is drift. A host never applied is not drifting, just not tuned yet.
         */
        private static List<Finding> drift(HostSpec host, StorageModel model) {
            if (model.snapshot().stateJson().isEmpty()) {
                return List.of();
            }
            List<Finding> findings = new ArrayList<>();
            try {
                jts.fleet.remote.tuning.TuningState.parse(host.name(), model.snapshot().stateJson().get());
            } catch (IllegalArgumentException damaged) {
                // the only record of the values from before the first apply: rollback refuses it until recovered
                findings.add(new Finding(host.name(), Severity.CRITICAL, damaged.getMessage().substring(
                        host.name().length() + 2) + ": rollback is impossible until it is recovered (jts-fleet rollback"
                        + " shows how)"));
            }
            for (var drift : TuningPlanner.plan(model, host.policy()).drift()) {
                findings.add(new Finding(host.name(), Severity.WARNING, "drift " + drift.device().device() + " "
                        + drift.setting().attribute().key() + ": expected " + drift.setting().desired() + ", actual "
                        + drift.setting().current().orElse("?")));
            }
            return findings;
        }
    }

    @Command(name = "monitor", mixinStandardHelpOptions = true,
            description = "Host-side metrics for Prometheus (node_exporter textfile).",
            subcommands = {Install.class, RunOnce.class})
    public static final class Monitor extends GroupCommand {
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Push jts-metrics, its config and the every-minute systemd timer to each host (atomically).")
    public static final class Install implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        @Option(names = "--dry-run", description = "Compare only: say which files would change.")
        boolean dryRun;

        @Option(names = "--textfile-dir", paramLabel = "DIR", description = "node_exporter textfile directory "
                + "(default: /var/lib/prometheus/node-exporter).")
        Path textfileDir = MetricsConfig.DEFAULT_TEXTFILE_DIR;

        @Mixin
        ChangeOptions change;

        public Install(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            if (!textfileDir.isAbsolute() || !MetricsConfig.fitsConfig(textfileDir.toString())) {
                throw new UsageException("--textfile-dir " + textfileDir + ": must be an absolute path without . or .."
                        + " components or control characters (node_exporter's --collector.textfile.directory)");
            }
            return fleet.withSession(context, session -> {
                ChangeControl control = change.begin(context, session, "monitor install", false, dryRun);
                MonitorEngine engine = MonitorEngine.of(session.settings()).recordedBy(control);
                List<HostResult<MonitorEngine.InstallReport>> results = control.runner(session.runner()).run(session.hosts(),
                        (transport, host) -> {
                            jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "monitor install");
                            StorageModel model = HostGather.model(transport, host, session.commandTimeout());
                            MetricsConfig config = MetricsConfig.forHost(model, host.policy(), textfileDir,
                                    MetricsConfig.DEFAULT_STATE_DIR);
                            var report = withLeftOutMounts(engine.install(transport, host, config, dryRun), model);
                            return report.changed() ? HostOutcome.changed(report) : HostOutcome.ok(report);
                        }, r -> {
                            if (!output.json()) {
                                FleetReport.progress(context, r);
                            }
                        });
                control.end(context);
                FleetReport.print(context, output, results, r -> r, r -> {
                    StringBuilder text = new StringBuilder(r.host()).append(": ").append(r.changed() ? "changed" : "ok");
                    r.files().forEach(f -> text.append("\n  ").append(f.change()).append(' ').append(f.path()));
                    if (!r.next().isBlank()) {
                        text.append("\n  next run ").append(r.next());
                    }
                    r.warnings().forEach(w -> text.append("\n  warning: ").append(HostText.escape(w)));
                    return text.toString();
                }, doc -> { });
                return FleetReport.exitCode(results);
            });
        }
    }

    /** Adds a warning per mount point the metrics config left out (its path cannot be a config line). */
    static MonitorEngine.InstallReport withLeftOutMounts(MonitorEngine.InstallReport report, StorageModel model) {
        List<String> warnings = new ArrayList<>(report.warnings());
        model.snapshot().mounts().stream().filter(m -> m.device().isPresent() || m.network())
                .filter(m -> !MetricsConfig.fitsConfig(m.path()))
                .forEach(m -> warnings.add(report.host() + ": mount \"" + m.path() + "\" not monitored: its path has"
                        + " control characters or . / .. components, so it is never written to the host's config"));
        return warnings.size() == report.warnings().size() ? report : new MonitorEngine.InstallReport(report.host(),
                report.files(), report.systemd(), report.next(), warnings);
    }

    @Command(name = "run-once", mixinStandardHelpOptions = true,
            description = "Run the pushed metrics script now and print, per host, the metrics it wrote.")
    public static final class RunOnce implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        public RunOnce(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            return fleet.withSession(context, session -> {
                MonitorEngine engine = MonitorEngine.of(session.settings());
                List<HostResult<MonitorEngine.RunOnceReport>> results = session.runner().run(session.hosts(),
                        (transport, host) -> {
                            jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "monitor run-once");
                            return HostOutcome.ok(engine.runOnce(transport, host));
                        }, r -> {
                            if (!output.json()) {
                                FleetReport.progress(context, r);
                            }
                        });
                FleetReport.print(context, output, results, r -> r,
                        r -> "# " + r.host() + " (exit " + r.scriptExit() + ")\n" + r.textfile(), doc -> { });
                return FleetReport.exitCode(results);
            });
        }
    }

    /** Tiers of every host's effective policy, first definition of each name wins. */
    static List<Tier> tiers(HostSelection fleet, AppContext context) throws Exception {
        var inv = fleet.loadInventory();
        Map<String, Tier> byName = new LinkedHashMap<>();
        for (HostSpec host : fleet.select(inv, context)) {
            host.policy().tiers().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        if (byName.isEmpty()) {
            inv.policy().tiers().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return List.copyOf(byName.values());
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true,
            description = "Print Prometheus alert rule groups built from the tier thresholds of the policy.")
    public static final class Alerts implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        HostSelection fleet;

        public Alerts(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            context.out().print(AlertRules.render(tiers(fleet, context)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "dashboard", mixinStandardHelpOptions = true,
            description = "Print a Grafana dashboard (JSON) for the tiers of the policy.")
    public static final class DashboardCommand implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        HostSelection fleet;

        public DashboardCommand(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            context.out().print(Dashboard.render(tiers(fleet, context)));
            return ExitCodes.OK;
        }
    }
}
