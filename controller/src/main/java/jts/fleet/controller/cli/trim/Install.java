package jts.fleet.controller.cli.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.controller.trim.InstallPlan;
import jts.fleet.controller.trim.InstallReport;
import jts.fleet.controller.trim.TrimEngine;
import jts.fleet.controller.trim.TrimViews;
import jts.fleet.remote.model.StorageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet trim install}: pushes the TRIM script, its config and units; enables the timer. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Push the TRIM script, its config and jts-fstrim.service/.timer to each host (atomically,",
            "unchanged files are not rewritten); reload systemd and enable the timer where systemd runs."})
public final class Install implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Compare only: say which files would change.")
    boolean dryRun;

    @Option(names = "--mask-fstrim-timer",
            description = "Disable and mask util-linux's fstrim.timer (it would trim again, without blackout).")
    boolean maskFstrimTimer;

    @Option(names = "--textfile-dir", paramLabel = "DIR",
            description = "node_exporter textfile directory for jts_trim_* metrics.")
    String textfileDir;

    @Mixin
    ChangeOptions change;

    public Install(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (textfileDir != null && !jts.fleet.remote.model.Mount.isSafePath(textfileDir)) {
            throw new UsageException("--textfile-dir " + textfileDir + ": must be an absolute path without . or .."
                    + " components or control characters (node_exporter's --collector.textfile.directory)");
        }
        return fleet.withSession(context, session -> {
            ScheduleCheck.requireSafe(session.inventory().source(), session.hosts(), context.clock().instant());
            ChangeControl control = change.begin(context, session, "trim install", false, dryRun);
            TrimEngine trim = TrimEngine.of(session.settings()).recordedBy(control);
            List<HostResult<InstallReport>> results = control.runner(session.runner()).run(session.hosts(),
                    (transport, host) -> {
                jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "trim install");
                StorageModel model = HostGather.model(transport, host, session.commandTimeout());
                InstallPlan plan = trim.installPlan(host, model, Optional.ofNullable(textfileDir));
                InstallReport report = trim.install(transport, host, plan, maskFstrimTimer, dryRun);
                return report.changed() ? HostOutcome.changed(report) : HostOutcome.ok(report);
            }, FleetReport.progress(context, output));
            control.end(context);
            List<ObjectNode> nodes = new ArrayList<>();
            for (HostResult<InstallReport> r : results) {
                ObjectNode node = FleetReport.hostEntry(r);
                if (r instanceof HostResult.Ok<InstallReport> ok) {
                    node.setAll(TrimViews.json(ok.value()));
                }
                nodes.add(node);
            }
            if (output.json()) {
                ObjectNode doc = Json.object();
                doc.putArray("hosts").addAll(nodes);
                doc.set("recap", FleetReport.recapJson(results));
                context.out().println(Json.pretty(doc));
            } else {
                for (HostResult<InstallReport> r : results) {
                    if (r instanceof HostResult.Ok<InstallReport> ok) {
                        TrimViews.text(ok.value()).forEach(context.out()::println);
                    }
                }
                FleetReport.printRecap(context.out(), results);
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        });
    }
}
