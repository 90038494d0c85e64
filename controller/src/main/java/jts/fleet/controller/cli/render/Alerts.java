package jts.fleet.controller.cli.render;

import java.util.List;

import jts.fleet.inventory.Tier;
import jts.fleet.remote.monitor.AlertRules;
import picocli.CommandLine.Command;

/** {@code jts-fleet render alerts}: Prometheus alert rules from the tier thresholds; connects nowhere. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Print Prometheus alert rule groups built from the tier thresholds of the policy.")
public final class Alerts extends TierRenderer {

    @Override
    String render(List<Tier> tiers) {
        return AlertRules.render(tiers);
    }
}
