package jts.fleet.controller.cli.inventory;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.inventory.AccessExplanation;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.Tier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet inventory list}: the selected hosts with their settings, or where each value of one came from. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the selected hosts with their connection settings, groups and tiers.")
public final class InventoryList extends InventoryCommand {
    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = HostSelection.SSH_CONFIG + " (what --explain shows).")
    void sshConfig(String file) {
        fleet.useSshConfig(file);
    }

    @Option(names = "--explain", paramLabel = "HOST",
            description = "Each effective connection value of HOST and where it came from (inventory file:line "
                    + "and key, ssh_config file:line, Ansible file and variable, default).")
    String explain;

    @Override
    public Integer call() throws Exception {
        Inventory inv = fleet.loadInventory();
        if (explain != null) {
            AccessExplanation why = inv.explain(explain).orElseThrow(() -> new InventoryException(
                    "--explain: '" + explain + "' is not a host of " + inv.source()));
            if (output.json()) {
                context.out().println(Json.pretty(ExplainView.json(inv, why)));
            } else {
                context.out().print(ExplainView.text(inv, why));
            }
            return ExitCodes.OK;
        }
        List<HostSpec> hosts = fleet.select(inv, context);
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("source", inv.source());
            ArrayNode array = doc.putArray("hosts");
            for (HostSpec h : hosts) {
                ObjectNode node = array.addObject();
                node.put("host", h.name());
                node.put("connection", h.connection().name().toLowerCase(java.util.Locale.ROOT));
                node.put("address", h.address());
                node.put("port", h.port());
                node.put("user", h.user());
                node.put("become", h.become().name().toLowerCase(java.util.Locale.ROOT));
                ArrayNode groups = node.putArray("groups");
                h.groups().forEach(groups::add);
                node.put("sysroot", h.sysroot().orElse(null));
                ArrayNode tiers = node.putArray("tiers");
                h.policy().tiers().forEach(t -> tiers.add(t.name()));
            }
            context.out().println(Json.pretty(doc));
            return ExitCodes.OK;
        }
        context.out().println("inventory: " + inv.source());
        TextTable table = new TextTable("HOST", "CONNECTION", "ADDRESS", "USER", "BECOME", "GROUPS", "TIERS");
        for (HostSpec h : hosts) {
            String connection = h.connection().name().toLowerCase(java.util.Locale.ROOT);
            String address = h.connection() == HostSpec.Connection.LOCAL ? "-" : h.address() + ":" + h.port();
            table.row(h.name(), connection, address, h.user(),
                    h.become().name().toLowerCase(java.util.Locale.ROOT), String.join(",", h.groups()),
                    String.join(",", h.policy().tiers().stream().map(Tier::name).toList()));
        }
        context.out().print(table.render(context.terminalWidth(), ""));
        return ExitCodes.OK;
    }
}
