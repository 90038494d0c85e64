package jts.fleet.controller.cli.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.InstallCommand;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.monitor.MonitorEngine;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.monitor.MetricsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet monitor install}: pushes the metrics script, its config and timer. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Push jts-metrics, its config and the every-minute systemd timer to each host (atomically).")
public final class Install extends InstallCommand<MonitorEngine.InstallReport> {
    @Option(names = "--textfile-dir", paramLabel = "DIR", description = "node_exporter textfile directory "
            + "(default: /var/lib/prometheus/node-exporter).")
    Path textfileDir = MetricsConfig.DEFAULT_TEXTFILE_DIR;

    public Install() {
        super("monitor install", MonitorEngine.InstallReport::changed, r -> r, Install::text);
    }

    @Override
    protected void checkOptions() throws UsageException {
        if (!textfileDir.isAbsolute() || !MetricsConfig.fitsConfig(textfileDir.toString())) {
            throw new UsageException("--textfile-dir " + textfileDir + ": must be an absolute path without . or .."
                    + " components or control characters (node_exporter's --collector.textfile.directory)");
        }
    }

    @Override
    protected Installer<MonitorEngine.InstallReport> installer(FleetSession session, ChangeControl control) {
        MonitorEngine engine = MonitorEngine.of(session.settings()).recordedBy(control);
        return (transport, host, model) -> withLeftOutMounts(engine.install(transport, host,
                MetricsConfig.forHost(model, host.policy(), textfileDir, MetricsConfig.DEFAULT_STATE_DIR), dryRun), model);
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
