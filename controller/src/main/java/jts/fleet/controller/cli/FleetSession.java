package jts.fleet.controller.cli;

import java.time.Duration;
import java.util.List;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;

/** The loaded inventory, the selected hosts and their connections for one command. */
public record FleetSession(Inventory inventory, List<HostSpec> hosts, ConnectionPool pool, boolean ownsPool,
                           FleetRunner runner, Duration commandTimeout) implements AutoCloseable {
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
