package jts.fleet.controller.cli.trim;

import java.util.List;
import java.util.Optional;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.Interrupts;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.trim.RunReport;
import jts.fleet.controller.trim.TrimEngine;
import jts.fleet.controller.trim.TrimViews;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.trim.TrimTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jts-fleet trim}: runs the pushed host-side TRIM now on each host (refused inside a blackout window
 * unless {@code --force}); {@code trim install} pushes script, config and systemd units.
 */
@Command(name = "trim", mixinStandardHelpOptions = true,
        description = {"Run TRIM now on each selected host (refused in a blackout window).",
            "Uses the pushed jts-fstrim script; exit 4 inside a maintenance.blackout window unless --force."},
        subcommands = Install.class)
public final class Trim extends FleetCommand {
    @Mixin
    FreezeOverride override;

    @Option(names = "--dry-run", description = "Say what would be trimmed; trim nothing, record nothing.")
    boolean dryRun;

    @Mixin
    ChangeOptions change;

    @Override
    protected int run(FleetSession session) throws Exception {
        // the freeze of trim is the host's: jts-fstrim refuses inside the same windows (and records it)
        ChangeControl control = change.begin(context, session, "trim", override.force(), dryRun);
        TrimEngine trim = TrimEngine.of(session.settings()).recordedBy(control);
        // Ctrl-C: no further host or trim starts; a trim in flight stops by itself after its range
        Interrupts.Run<List<HostResult<RunReport>>> stoppable = Interrupts.stoppable(context, session,
                "jts-fleet status", runner -> control.runner(runner).run(session.hosts(), (transport, host) -> {
            jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "trim");
            StorageModel model = HostGather.model(transport, host, session.commandTimeout());
            if (runner.stopRequested()) {
                return HostOutcome.skipped("interrupted (Ctrl-C) before trimming");
            }
            RunReport report = trim.run(transport, host, Optional.of(trim.runConfig(host, model)), override.force(),
                    dryRun).withLeftOut(TrimTargets.leftOut(model, host.policy()), session.settings().clock().instant());
            return switch (report.outcome()) {
                case OK -> report.bytesTrimmed() > 0 ? HostOutcome.changed(report) : HostOutcome.ok(report);
                case REFUSED -> HostOutcome.ok(report);
                case FAILED -> new HostOutcome.Done<>(report, true);
                case CONFIG_ERROR, NOT_INSTALLED -> new HostOutcome.Fail<>(FailureClass.COMMAND,
                        host.name() + ": jts-fstrim " + report.outcome().key() + ": "
                                + HostScriptRunner.firstLine(report.stderr()));
            };
        }, progress()));
        List<HostResult<RunReport>> results = stoppable.value();
        control.end(context);
        FleetReport.print(context, output, results, TrimViews::json, r -> String.join("\n", TrimViews.text(r)),
                doc -> { });
        if (stoppable.interrupted()) {
            return Interrupts.interrupted(context);
        }
        int code = FleetReport.exitCode(results);
        long failedFilesystems = hostsWith(results, RunReport.Outcome.FAILED);
        long refused = hostsWith(results, RunReport.Outcome.REFUSED);
        if (code == ExitCodes.OK && failedFilesystems > 0) {
            context.err().println("jts-fleet: TRIM failed for a filesystem on " + failedFilesystems + " host(s)");
            return ExitCodes.HOST_FAILED;
        }
        if (code == ExitCodes.OK && refused > 0) {
            context.err().println("jts-fleet: refused on " + refused
                    + " host(s): inside a blackout window or another run holds the lock (--force overrides the window)");
            return ExitCodes.REFUSED;
        }
        return code;
    }

    /** Hosts whose TRIM run ended with {@code outcome}. */
    private static long hostsWith(List<HostResult<RunReport>> results, RunReport.Outcome outcome) {
        return results.stream().filter(r -> r instanceof HostResult.Ok<RunReport> ok
                && ok.value().outcome() == outcome).count();
    }
}
