package jts.fleet.controller.cli.tuning;

import java.util.List;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.tuning.ApplyReport;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Command;

/** {@code jts-fleet apply}: each tier's queue settings, live and as udev rules, in batches. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply each tier's queue settings and push the udev rules that keep them.",
            "Records the previous values on the host first, writes sysfs live, pushes the rules, triggers only",
            "the affected devices and verifies. A host where any step fails is restored to how it was.",
            "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
public final class Apply extends RolloutCommand<ApplyReport> {
    public Apply() {
        super("apply", "jts-fleet verify", ApplyReport::json, ApplyReport::text);
    }

    @Override
    SerialRun<ApplyReport> batches(TuningEngine engine, FleetRunner runner, List<HostSpec> hosts, String serial,
                                   int maxFailPercent, boolean dryRun) {
        return engine.applyFleet(runner, hosts, serial, maxFailPercent, dryRun, progress());
    }
}
