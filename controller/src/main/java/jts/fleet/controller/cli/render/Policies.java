package jts.fleet.controller.cli.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.Tier;

/** The policies the renderers render from: one named host's, or the tiers of the selected hosts. */
final class Policies {
    private Policies() {
    }

    /** The one host named by {@code --host}, with its effective policy. */
    static HostSpec oneHost(Inventory inv, String name) throws UsageException {
        return inv.host(name).orElseThrow(() -> new UsageException("--host " + name + ": no such host in "
                + inv.source() + " (known: " + String.join(", ", inv.hostNames()) + ")"));
    }

    /** Tiers of every selected host's effective policy, first definition of each name wins. */
    static List<Tier> tiers(HostSelection fleet, AppContext context) throws Exception {
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
