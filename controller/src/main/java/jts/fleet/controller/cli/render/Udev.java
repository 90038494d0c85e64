package jts.fleet.controller.cli.render;

import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.tuning.PlanReport;
import jts.fleet.controller.tuning.TuningEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet render udev --host H}: the rules file apply would push, planned from the host's devices. */
@Command(name = "udev", mixinStandardHelpOptions = true,
        description = {"Print the udev rules file apply would push to one host (reads the host's devices:",
            "specific devices are matched by WWN or serial)."})
public final class Udev extends AppCommand {
    @Mixin
    FleetOptions fleet;

    @Mixin
    HostOption host;

    @Override
    public Integer call() throws Exception {
        fleet.selectOnly(host.host);
        try (FleetSession session = fleet.open(context)) {
            List<HostResult<PlanReport>> results = TuningEngine.standard(session.settings()).planFleet(
                    session.runner(), List.of(host.in(session.inventory())), r -> { });
            if (results.get(0) instanceof HostResult.Ok<PlanReport> ok) {
                context.out().print(ok.value().rules());
                return ExitCodes.OK;
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        }
    }
}
