package jts.fleet.controller.cli.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.trim.TrimViews;
import jts.fleet.remote.model.StatusJson;
import jts.fleet.remote.model.StorageModel;

/** The {@code -o json} (and {@code --report}) entry of one host in {@code status}. */
final class StatusJsonView {
    private StatusJsonView() {
    }

    static ObjectNode host(HostResult<HostStatus> r) {
        ObjectNode node = FleetReport.hostEntry(r);
        if (r instanceof HostResult.Ok<HostStatus> ok) {
            StorageModel model = ok.value().model();
            node.put("hostname", model.snapshot().hostname());
            node.put("kernel", model.snapshot().kernel());
            ObjectNode body = StatusJson.devicesAndMounts(model);
            node.setAll(body);
            ArrayNode unmanaged = node.putArray("unmanaged");
            model.unmanaged().forEach(unmanaged::add);
            node.put("drift", ok.value().drift());
            node.set("trim", TrimViews.json(ok.value().trim()));
            ArrayNode warnings = node.putArray("warnings");
            model.snapshot().warnings().forEach(warnings::add);
        } else {
            node.putArray("devices");
            node.putArray("mounts");
        }
        return node;
    }
}
