package jts.fleet.controller.cli.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.StorageModel;

/** What {@code watch} and {@code check} do first: every host's storage model, and its connection by name. */
final class Hosts {
    private Hosts() {
    }

    /** Every selected host gathered once (tiers per device), each host's result in selection order. */
    static List<HostResult<StorageModel>> gather(FleetSession session,
            java.util.function.Consumer<HostResult<?>> listener) {
        return session.runner().run(session.hosts(),
                (transport, host) -> HostOutcome.ok(HostGather.model(transport, host, session.commandTimeout())),
                listener);
    }

    /** Gathers every host once; hosts that fail are reported (stderr) and left out. */
    static Map<HostSpec, StorageModel> gatherAll(AppContext context, FleetSession session,
            java.util.function.Consumer<HostResult<?>> listener) {
        List<HostResult<StorageModel>> results = gather(session, listener);
        Map<HostSpec, StorageModel> models = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof HostResult.Ok<StorageModel> ok) {
                models.put(session.hosts().get(i), ok.value());
            }
        }
        FleetReport.printErrors(context.err(), results);
        return models;
    }

    /** The session's connection of a host, by name (the engines address hosts by name). */
    static java.util.function.Function<String, Transport> transports(FleetSession session) {
        Map<String, HostSpec> byName = new LinkedHashMap<>();
        session.hosts().forEach(h -> byName.put(h.name(), h));
        return name -> session.pool().get(byName.get(name), session.sshOptions());
    }
}
