package jts.fleet.controller.cli.render;

import java.util.List;

import jts.fleet.inventory.Tier;
import picocli.CommandLine.Command;

/** {@code jts-fleet render dashboard}: a Grafana dashboard for the tiers of the policy; connects nowhere. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Print a Grafana dashboard (JSON) for the tiers of the policy.")
public final class Dashboard extends TierRenderer {

    @Override
    String render(List<Tier> tiers) {
        return jts.fleet.remote.monitor.Dashboard.render(tiers);
    }
}
