package jts.fleet.controller.cli;

import java.time.Duration;
import java.util.List;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;

/**
 * The loaded inventory, the selected hosts, their connections and the settings (deadlines, clock, output caps)
 * of one command; engines get {@link #settings()} and never invent their own.
 */
public record FleetSession(Inventory inventory, List<HostSpec> hosts, ConnectionPool pool, boolean ownsPool,
                           FleetRunner runner, RunSettings settings, SshOptions sshOptions) implements AutoCloseable {

    /** Deadline of one remote command. */
    public Duration commandTimeout() {
        return settings.commandTimeout();
    }

    /** A runner over this session's connections and forks with another run deadline (bench, experiment). */
    public FleetRunner runner(Duration runDeadline) {
        return new FleetRunner(host -> pool.get(host, sshOptions), runner.forks(), runDeadline);
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
