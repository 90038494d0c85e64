package jts.fleet.controller.cli.tuning;

import java.util.concurrent.Callable;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.tuning.RollbackReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet rollback}: the values recorded before the first apply, restored all or nothing per host. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restore the values recorded before the first apply, all or nothing per host.",
            "Then removes the pushed udev rules file and the state file on each host. A state file that does not",
            "read back whole (cut, changed) restores nothing and removes nothing: the values it could read and",
            "the way back are shown.",
            "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
public final class Rollback implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    FleetOptions fleet;
    @Mixin
    OutputOptions output;
    @Mixin
    Rollout rollout;
    @Mixin
    ChangeOptions change;

    @Option(names = "--forget-missing",
            description = "Drop the recorded values of devices no longer on a host (else they stop its rollback).")
    boolean forgetMissing;

    public Rollback(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return rollout.run(context, fleet, output, change, "rollback", "jts-fleet rollback --dry-run",
                (engine, runner, hosts, serial, maxFail, dryRun) -> engine.rollbackFleet(runner, hosts, serial,
                        maxFail, dryRun, forgetMissing, FleetReport.progress(context, output)),
                RollbackReport::json, RollbackReport::text);
    }
}
