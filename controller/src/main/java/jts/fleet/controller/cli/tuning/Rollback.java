package jts.fleet.controller.cli.tuning;

import java.util.List;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.tuning.RollbackReport;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet rollback}: the values recorded before the first apply, restored all or nothing per host. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restore the values recorded before the first apply, all or nothing per host.",
            "Then removes the pushed udev rules file and the state file on each host. A state file that does not",
            "read back whole (cut, changed) restores nothing and removes nothing: the values it could read and",
            "the way back are shown.",
            "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
public final class Rollback extends RolloutCommand<RollbackReport> {
    @Option(names = "--forget-missing",
            description = "Drop the recorded values of devices no longer on a host (else they stop its rollback).")
    boolean forgetMissing;

    public Rollback() {
        super("rollback", "jts-fleet rollback --dry-run", RollbackReport::json,
                RollbackReport::text);
    }

    @Override
    SerialRun<RollbackReport> batches(TuningEngine engine, FleetRunner runner, List<HostSpec> hosts, String serial,
                                      int maxFailPercent, boolean dryRun) {
        return engine.rollbackFleet(runner, hosts, serial, maxFailPercent, dryRun, forgetMissing, progress());
    }
}
