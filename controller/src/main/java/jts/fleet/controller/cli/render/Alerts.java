package jts.fleet.controller.cli.render;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.remote.monitor.AlertRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet render alerts}: Prometheus alert rules from the tier thresholds; connects nowhere. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Print Prometheus alert rule groups built from the tier thresholds of the policy.")
public final class Alerts implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    HostSelection fleet;

    public Alerts(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.out().print(AlertRules.render(Policies.tiers(fleet, context)));
        return ExitCodes.OK;
    }
}
