package jts.fleet.controller.cli.trim;

import java.util.Optional;

import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.InstallCommand;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.controller.trim.InstallReport;
import jts.fleet.controller.trim.TrimEngine;
import jts.fleet.controller.trim.TrimViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet trim install}: pushes the TRIM script, its config and units; enables the timer. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Push the TRIM script, its config and jts-fstrim.service/.timer to each host (atomically,",
            "unchanged files are not rewritten); reload systemd and enable the timer where systemd runs."})
public final class Install extends InstallCommand<InstallReport> {
    @Option(names = "--mask-fstrim-timer",
            description = "Disable and mask util-linux's fstrim.timer (it would trim again, without blackout).")
    boolean maskFstrimTimer;

    @Option(names = "--textfile-dir", paramLabel = "DIR",
            description = "node_exporter textfile directory for jts_trim_* metrics.")
    String textfileDir;

    public Install() {
        super("trim install", InstallReport::changed, TrimViews::json,
                r -> String.join("\n", TrimViews.text(r)));
    }

    @Override
    protected void checkOptions() throws UsageException {
        if (textfileDir != null && !jts.fleet.remote.model.Mount.isSafePath(textfileDir)) {
            throw new UsageException("--textfile-dir " + textfileDir + ": must be an absolute path without . or .."
                    + " components or control characters (node_exporter's --collector.textfile.directory)");
        }
    }

    /** A schedule that would start inside a blackout window is an inventory error (exit 2), before anything else. */
    @Override
    protected void checkSession(FleetSession session) throws Exception {
        ScheduleCheck.requireSafe(session.inventory().source(), session.hosts(), context.clock().instant());
    }

    @Override
    protected Installer<InstallReport> installer(FleetSession session, ChangeControl control) {
        TrimEngine trim = TrimEngine.of(session.settings()).recordedBy(control);
        return (transport, host, model) -> trim.install(transport, host,
                trim.installPlan(host, model, Optional.ofNullable(textfileDir)), maskFstrimTimer, dryRun);
    }
}
