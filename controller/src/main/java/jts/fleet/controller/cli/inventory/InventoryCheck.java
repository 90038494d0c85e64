package jts.fleet.controller.cli.inventory;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet inventory check}: validates the inventory and policy (exit 2 naming file, line and key). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate the inventory and policy; exit 2 with file, line and key on the first error.",
            "Also refuses a maintenance.trim_schedule that would start inside a blackout window within a year."})
public final class InventoryCheck extends InventoryCommand {
    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = HostSelection.SSH_CONFIG + " (checked with the inventory).")
    void sshConfig(String file) {
        fleet.useSshConfig(file);
    }

    @Override
    public Integer call() throws Exception {
        Inventory inv;
        List<HostSpec> hosts;
        try {
            inv = fleet.loadInventory();
            hosts = fleet.select(inv, context);
            ScheduleCheck.requireSafe(inv.source(), List.copyOf(inv.hosts().values()), context.clock().instant());
        } catch (InventoryException e) {
            if (output.json()) {
                ObjectNode doc = Json.object();
                doc.put("valid", false);
                doc.put("error", e.getMessage());
                context.out().println(Json.pretty(doc));
            }
            throw e; // the sentence on stderr, exit 2
        }
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("valid", true);
            doc.put("source", inv.source());
            doc.put("hosts", inv.hosts().size());
            doc.put("groups", inv.allGroups().size());
            ArrayNode selected = doc.putArray("selected");
            hosts.forEach(h -> selected.add(h.name()));
            context.out().println(Json.pretty(doc));
            return ExitCodes.OK;
        }
        context.out().println(inv.source() + ": ok (" + inv.hosts().size() + " hosts, "
                + inv.allGroups().size() + " groups; pattern selects " + hosts.size() + ")");
        return ExitCodes.OK;
    }
}
