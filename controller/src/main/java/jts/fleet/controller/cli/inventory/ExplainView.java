package jts.fleet.controller.cli.inventory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.inventory.AccessExplanation;
import jts.fleet.inventory.ExplainedSetting;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.Origin;

/** {@code inventory list --explain HOST}: each effective connection value and where it came from. */
final class ExplainView {
    private ExplainView() {
    }

    static String text(Inventory inv, AccessExplanation why) {
        StringBuilder out = new StringBuilder();
        out.append(why.host()).append("  (inventory ").append(inv.source()).append("; ssh_config ")
                .append(why.sshConfig().equals("none") ? "none" : "read for '" + why.lookupName() + "': "
                        + why.sshConfig()).append(")\n");
        TextTable table = new TextTable("SETTING", "VALUE", "FROM");
        for (ExplainedSetting s : why.settings()) {
            table.row(s.setting(), s.value(), s.origin().describe());
        }
        out.append(table.render(Integer.MAX_VALUE, "  "));
        if (!why.notes().isEmpty()) {
            out.append("notes:\n");
            why.notes().forEach(n -> out.append("  ").append(n).append('\n'));
        }
        return out.toString();
    }

    static ObjectNode json(Inventory inv, AccessExplanation why) {
        ObjectNode doc = Json.object();
        doc.put("host", why.host());
        doc.put("inventory", inv.source());
        doc.put("lookup_name", why.lookupName());
        doc.put("ssh_config", why.sshConfig());
        ArrayNode settings = doc.putArray("settings");
        for (ExplainedSetting s : why.settings()) {
            ObjectNode node = settings.addObject();
            node.put("setting", s.setting());
            node.put("value", s.value());
            Origin o = s.origin();
            node.put("source", o.kind().key());
            node.put("file", o.file().isEmpty() ? null : o.file());
            if (o.line() > 0) {
                node.put("line", o.line());
            } else {
                node.putNull("line");
            }
            node.put("key", o.key());
            node.put("from", o.describe());
        }
        ArrayNode notes = doc.putArray("notes");
        why.notes().forEach(notes::add);
        return doc;
    }
}
