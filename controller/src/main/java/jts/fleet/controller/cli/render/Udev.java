package jts.fleet.controller.cli.render;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.tuning.PlanReport;
import jts.fleet.controller.tuning.TuningEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet render udev --host H}: the rules file apply would push, planned from the host's devices. */
@Command(name = "udev", mixinStandardHelpOptions = true,
        description = {"Print the udev rules file apply would push to one host (reads the host's devices:",
            "specific devices are matched by WWN or serial)."})
public final class Udev implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Inventory host name.")
    String host;

    public Udev(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        fleet.selection().selectOnly(host);
        try (FleetSession session = fleet.open(context)) {
            List<HostResult<PlanReport>> results = TuningEngine.standard(session.settings()).planFleet(
                    session.runner(), List.of(Policies.oneHost(fleet.selection().loadInventory(), host)), r -> { });
            if (results.get(0) instanceof HostResult.Ok<PlanReport> ok) {
                context.out().print(ok.value().rules());
                return ExitCodes.OK;
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        }
    }
}
