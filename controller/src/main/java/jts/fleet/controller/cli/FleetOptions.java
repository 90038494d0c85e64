package jts.fleet.controller.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.InventoryException;
import picocli.CommandLine.Option;

/** Options every fleet command shares: which inventory and hosts ({@link HostSelection}), how to reach them. */
public final class FleetOptions {
    @picocli.CommandLine.Mixin
    HostSelection selection = new HostSelection();

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "OpenSSH client config read instead of ~/.ssh/config and /etc/ssh/ssh_config, or 'none'; "
                    + "wins over the inventory's ssh_config.")
    void sshConfig(String file) {
        selection.sshConfig = file;
    }

    @Option(names = "--forks", paramLabel = "N", defaultValue = "" + FleetRunner.DEFAULT_FORKS,
            description = "Hosts served in parallel (default: ${DEFAULT-VALUE}).")
    int forks = FleetRunner.DEFAULT_FORKS;

    @Option(names = "--list-hosts", description = "Print the selected hosts and exit.")
    boolean listHosts;

    @Option(names = "--accept-new-host-keys",
            description = "Record unknown host keys (like OpenSSH accept-new); changed keys stay refused.")
    boolean acceptNewHostKeys;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Connect + authenticate deadline (default: the inventory's connect_timeout, 10s).")
    Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of one remote command (default: the inventory's command_timeout, 60s).")
    Duration commandTimeout;

    @Option(names = "--run-timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class, description = "Deadline of the whole run (default: ${DEFAULT-VALUE}).")
    Duration runTimeout = Duration.ofMinutes(30);

    public Inventory loadInventory() throws InventoryException {
        return selection.loadInventory();
    }

    /** The same, reusing the inventory the context's last command loaded when its files are unchanged. */
    public Inventory loadInventory(AppContext context) throws InventoryException {
        return selection.loadInventory(context);
    }

    /** The host pattern: --hosts, else the shell's current selection, else all. */
    public String pattern(AppContext context) {
        return selection.pattern(context);
    }

    public List<HostSpec> select(Inventory inv, AppContext context) throws InventoryException {
        return selection.select(inv, context);
    }

    /** Command-line values win over the inventory's {@code defaults:}. */
    public SshOptions sshOptions(Inventory inv) {
        return SshOptions.defaults()
                .withConnectTimeout(connectTimeout != null ? connectTimeout : inv.defaults().connectTimeout())
                .withCommandTimeout(commandTimeout(inv))
                .withAcceptNewHostKeys(acceptNewHostKeys);
    }

    public Duration commandTimeout(Inventory inv) {
        return commandTimeout != null ? commandTimeout : inv.defaults().commandTimeout();
    }

    public boolean listHosts() {
        return listHosts;
    }

    /** The body of a fleet command, run with its session open. */
    @FunctionalInterface
    public interface SessionBody {
        int run(FleetSession session) throws Exception;
    }

    /**
     * Opens the session, answers {@code --list-hosts} without connecting, else runs {@code body}; the session
     * (and, in the CLI, its connections) is closed afterwards.
     */
    public int withSession(AppContext context, SessionBody body) throws Exception {
        try (FleetSession session = open(context)) {
            if (listHosts) {
                return HostList.print(context, session.hosts());
            }
            return body.run(session);
        }
    }

    /**
     * Connections for one command: the shell's shared pool when there is one (kept open afterwards),
     * else a new pool closed when the session closes.
     */
    public FleetSession open(AppContext context) throws InventoryException {
        Inventory inv = loadInventory(context);
        List<HostSpec> selected = select(inv, context);
        if (forks < 1) {
            throw new InventoryException("--forks must be at least 1, got " + forks);
        }
        Optional<ConnectionPool> shared = context.sharedPool();
        ConnectionPool pool = shared.orElseGet(() -> new ConnectionPool(sshOptions(inv)));
        return new FleetSession(inv, selected, pool, shared.isEmpty(), new FleetRunner(pool, forks, runTimeout),
                commandTimeout(inv));
    }
}
