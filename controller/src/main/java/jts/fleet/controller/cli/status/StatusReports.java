package jts.fleet.controller.cli.status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.cli.Json;

/** {@code status --report DIR}: one JSON file per host and {@code fleet-summary.json}. */
final class StatusReports {
    private StatusReports() {
    }

    static void write(Path reportDir, List<ObjectNode> hostNodes, ObjectNode summary) throws IOException {
        OwnFiles.createDirectories(reportDir, OwnFiles.Access.SHARED);
        for (ObjectNode node : hostNodes) {
            String host = node.get("host").asText();
            OwnFiles.writeString(reportDir.resolve(host + ".json"), Json.pretty(node) + "\n", OwnFiles.Access.SHARED);
        }
        ObjectNode fleetSummary = Json.object();
        ArrayNode rows = fleetSummary.putArray("hosts");
        for (ObjectNode node : hostNodes) {
            ObjectNode row = rows.addObject();
            row.put("host", node.get("host").asText());
            row.put("status", node.get("status").asText());
            row.set("error", node.get("error"));
            row.set("devices_per_tier", Json.MAPPER.valueToTree(devicesPerTier(node)));
        }
        fleetSummary.set("recap", summary.get("recap"));
        OwnFiles.writeString(reportDir.resolve("fleet-summary.json"), Json.pretty(fleetSummary) + "\n",
                OwnFiles.Access.SHARED);
    }

    /** Whole devices per tier, plus network mounts (which have no device) in the tier of their mount. */
    private static Map<String, Integer> devicesPerTier(ObjectNode host) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        host.path("devices").forEach(d -> {
            if (d.path("parent").isNull() || d.path("parent").isMissingNode()) {
                String tier = d.path("tier").isNull() ? "unmanaged" : d.path("tier").asText("unmanaged");
                counts.merge(tier, 1, Integer::sum);
            }
        });
        host.path("mounts").forEach(m -> {
            if (m.path("network").asBoolean(false)) {
                String tier = m.path("tier").isNull() ? "unmanaged" : m.path("tier").asText("unmanaged");
                counts.merge(tier, 1, Integer::sum);
            }
        });
        return counts;
    }
}
