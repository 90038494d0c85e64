package jts.fleet.controller.cli.tuning;

import java.util.List;

import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.controller.tuning.PlanReport;
import jts.fleet.controller.tuning.TuningEngine;
import picocli.CommandLine.Command;

/** {@code jts-fleet plan}: what apply would change; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what apply would change, per host, device and attribute.",
            "Current, desired, action and reason, and the diff of the udev rules file apply would push.",
            "Changes nothing."})
public final class Plan extends FleetCommand {

    @Override
    protected int run(FleetSession session) throws Exception {
        ScheduleCheck.requireSafe(session.inventory().source(), session.hosts(), context.clock().instant());
        TuningEngine engine = TuningEngine.standard(session.settings());
        List<HostResult<PlanReport>> results = engine.planFleet(session.runner(), session.hosts(),
                progress());
        List<HostResult<PlanReport>> judged = results.stream().map(Plan::invalidAsFailed).toList();
        if (output.json()) {
            var doc = Json.object();
            var hosts = doc.putArray("hosts");
            for (int i = 0; i < results.size(); i++) {
                var node = FleetReport.hostEntry(judged.get(i));
                if (results.get(i) instanceof HostResult.Ok<PlanReport> ok) {
                    node.setAll((com.fasterxml.jackson.databind.node.ObjectNode)
                            Json.MAPPER.valueToTree(ok.value().json()));
                }
                hosts.add(node);
            }
            doc.set("recap", FleetReport.recapJson(judged));
            context.out().println(Json.pretty(doc));
        } else {
            // an invalid plan is still shown: its lines say what is wrong
            for (HostResult<PlanReport> r : results) {
                if (r instanceof HostResult.Ok<PlanReport> ok) {
                    context.out().print(ok.value().text());
                }
            }
            FleetReport.printRecap(context.out(), judged);
        }
        FleetReport.printErrors(context.err(), judged);
        return FleetReport.exitCode(judged);
    }

    /** A plan apply would refuse is a failed host, in the recap and the exit code alike (one rule). */
    static HostResult<PlanReport> invalidAsFailed(HostResult<PlanReport> r) {
        if (r instanceof HostResult.Ok<PlanReport> ok && !ok.value().plan().valid()) {
            return new HostResult.Failed<>(r.host(), jts.fleet.controller.transport.FailureClass.COMMAND,
                    "invalid plan: " + String.join("; ", ok.value().plan().invalidReasons()));
        }
        return r;
    }
}
