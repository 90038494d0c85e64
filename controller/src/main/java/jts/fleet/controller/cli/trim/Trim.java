package jts.fleet.controller.cli.trim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.Interrupts;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
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
public final class Trim implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Mixin
    FreezeOverride override;

    @Option(names = "--dry-run", description = "Say what would be trimmed; trim nothing, record nothing.")
    boolean dryRun;

    @Mixin
    ChangeOptions change;

    public Trim(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
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
            }, FleetReport.progress(context, output)));
            List<HostResult<RunReport>> results = stoppable.value();
            control.end(context);
            int failedFilesystems = 0;
            int refused = 0;
            ObjectNode doc = Json.object();
            ArrayNode hosts = doc.putArray("hosts");
            for (HostResult<RunReport> r : results) {
                ObjectNode node = FleetReport.hostEntry(r);
                if (r instanceof HostResult.Ok<RunReport> ok) {
                    node.setAll(TrimViews.json(ok.value()));
                    if (ok.value().outcome() == RunReport.Outcome.FAILED) {
                        failedFilesystems++;
                    }
                    if (ok.value().outcome() == RunReport.Outcome.REFUSED) {
                        refused++;
                    }
                }
                hosts.add(node);
            }
            doc.set("recap", FleetReport.recapJson(results));
            if (output.json()) {
                context.out().println(Json.pretty(doc));
            } else {
                for (HostResult<RunReport> r : results) {
                    if (r instanceof HostResult.Ok<RunReport> ok) {
                        TrimViews.text(ok.value()).forEach(context.out()::println);
                    }
                }
                FleetReport.printRecap(context.out(), results);
            }
            FleetReport.printErrors(context.err(), results);
            if (stoppable.interrupted()) {
                return Interrupts.interrupted(context);
            }
            int code = FleetReport.exitCode(results);
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
        });
    }
}
