package jts.fleet.controller.cli.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Tier;
import picocli.CommandLine.Mixin;

/**
 * A renderer of the policy's tiers ({@code render alerts}, {@code render dashboard}): the tiers of every selected
 * host's effective policy, rendered to stdout; reads the inventory only, connects nowhere.
 */
abstract class TierRenderer extends AppCommand {
    @Mixin
    HostSelection fleet;

    /** The artifact for {@code tiers}. */
    abstract String render(List<Tier> tiers);

    @Override
    public Integer call() throws Exception {
        context.out().print(render(tiers()));
        return ExitCodes.OK;
    }

    /** Tiers of every selected host's effective policy, first definition of each name wins. */
    private List<Tier> tiers() throws Exception {
        var inv = fleet.loadInventory();
        Map<String, Tier> byName = new LinkedHashMap<>();
        for (HostSpec host : fleet.select(inv, context)) {
            host.policy().tiers().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        if (byName.isEmpty()) {
            inv.policy().tiers().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return List.copyOf(byName.values());
    }
}
