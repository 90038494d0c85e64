package jts.fleet.controller.cli.tuning;

import java.util.concurrent.Callable;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.tuning.ApplyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet apply}: each tier's queue settings, live and as udev rules, in batches. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply each tier's queue settings and push the udev rules that keep them.",
            "Records the previous values on the host first, writes sysfs live, pushes the rules, triggers only",
            "the affected devices and verifies. A host where any step fails is restored to how it was.",
            "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
public final class Apply implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    FleetOptions fleet;
    @Mixin
    OutputOptions output;
    @Mixin
    Rollout rollout;
    @Mixin
    ChangeOptions change;

    public Apply(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return rollout.run(context, fleet, output, change, "apply", "jts-fleet verify",
                (engine, runner, hosts, serial, maxFail, dryRun) -> engine.applyFleet(runner, hosts, serial, maxFail,
                        dryRun, FleetReport.progress(context, output)),
                ApplyReport::json, ApplyReport::text);
    }
}
