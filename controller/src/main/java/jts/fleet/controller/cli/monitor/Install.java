package jts.fleet.controller.cli.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.monitor.MonitorEngine;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.monitor.MetricsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet monitor install}: pushes the metrics script, its config and timer. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Push jts-metrics, its config and the every-minute systemd timer to each host (atomically).")
public final class Install implements Callable<Integer> {
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
                    }, FleetReport.progress(context, output));
            control.end(context);
            FleetReport.print(context, output, results, r -> r, Install::text, doc -> { });
            return FleetReport.exitCode(results);
        });
    }

    private static String text(MonitorEngine.InstallReport r) {
        StringBuilder text = new StringBuilder(r.host()).append(": ").append(r.changed() ? "changed" : "ok");
        r.files().forEach(f -> text.append("\n  ").append(f.change()).append(' ').append(f.path()));
        if (!r.next().isBlank()) {
            text.append("\n  next run ").append(r.next());
        }
        r.warnings().forEach(w -> text.append("\n  warning: ").append(HostText.escape(w)));
        return text.toString();
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
}
