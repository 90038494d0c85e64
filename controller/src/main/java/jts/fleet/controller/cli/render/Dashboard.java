package jts.fleet.controller.cli.render;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.HostSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet render dashboard}: a Grafana dashboard for the tiers of the policy; connects nowhere. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Print a Grafana dashboard (JSON) for the tiers of the policy.")
public final class Dashboard implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    HostSelection fleet;

    public Dashboard(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.out().print(jts.fleet.remote.monitor.Dashboard.render(Policies.tiers(fleet, context)));
        return ExitCodes.OK;
    }
}
