package jts.fleet.controller.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.Operator;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshPreload;
import jts.fleet.controller.transport.auth.TtyPassphrasePrompt;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.source.InventoryException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every fleet command shares: which inventory and hosts ({@link HostSelection}), how many at a time, how to
 * reach them, how long to wait and how much to take ({@link ConnectionOptions}).
 */
public final class FleetOptions {
    @Mixin
    HostSelection selection = new HostSelection();

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = HostSelection.SSH_CONFIG + "; wins over the inventory's ssh_config.")
    void sshConfig(String file) {
        selection.sshConfig = file;
    }

    @Option(names = "--forks", paramLabel = "N", defaultValue = "" + FleetRunner.DEFAULT_FORKS,
            description = "Hosts served in parallel (default: ${DEFAULT-VALUE}).")
    int forks = FleetRunner.DEFAULT_FORKS;

    @Option(names = "--list-hosts", description = "Print the selected hosts and exit.")
    boolean listHosts;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

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

    /** This command's settings: its options over the shell's over the inventory's {@code defaults:}. */
    public RunSettings settings(Inventory inv, AppContext context) throws UsageException {
        return connection.deadlines().overrides().over(context.sessionOverrides()).resolve(inv.defaults(), context.clock());
    }

    /**
     * How this command reaches hosts: the shell's connection settings (keepalive, host-key policy) or the
     * built-in ones, with this command's deadlines and caps; {@code --accept-new-host-keys} adds to either.
     */
    SshOptions sshOptions(RunSettings settings, Optional<ConnectionPool> shared, AppContext context) {
        SshOptions base = shared.isPresent() ? shared.get().options() : SshOptions.defaults();
        SshOptions options = settings.applyTo(base);
        if (connection.deadlines().overrides().over(context.sessionOverrides()).connectTimeout().isPresent()) {
            // given on the command line (this one or the shell's): it wins over a host's ssh_config ConnectTimeout
            options = options.withExplicitConnectTimeout(options.connectTimeout());
        }
        return connection.acceptNewHostKeys() ? options.withAcceptNewHostKeys(true) : options;
    }

    public boolean listHosts() {
        return listHosts;
    }

    /** Selects exactly {@code pattern}, as {@code --hosts} would (a command naming its one host). */
    public void selectOnly(String pattern) {
        selection.selectOnly(pattern);
    }

    /**
     * The CLI's operator: notices (a host or jump host key recorded by accept-new, an ignored key file) on stderr as
     * they happen, like OpenSSH's "Permanently added"; passphrases asked on the controlling terminal.
     */
    static Operator operator(AppContext context) {
        PrintWriter err = context.err();
        return new Operator(line -> {
            synchronized (err) {
                err.println("jts-fleet: " + line);
                err.flush();
            }
        }, new TtyPassphrasePrompt());
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
     * Connections for one command: the shell's shared pool when there is one (kept open afterwards; hosts it
     * has not connected yet connect with this command's settings), else a new pool closed when the session
     * closes.
     */
    public FleetSession open(AppContext context) throws InventoryException, UsageException {
        InventoryLoader loader = selection.loader();
        Optional<Path> file = selection.locate(loader);
        if (file.isPresent()) {
            // only an inventory file can hold SSH hosts: the SSH machinery loads beside its parsing
            SshPreload.inBackground();
        }
        Inventory inv = selection.loadInventory(context, loader, file);
        List<HostSpec> selected = select(inv, context);
        if (forks < 1) {
            throw new UsageException("--forks must be at least 1, got " + forks);
        }
        RunSettings settings = settings(inv, context);
        Optional<ConnectionPool> shared = context.sharedPool();
        SshOptions options = sshOptions(settings, shared, context);
        ConnectionPool pool = shared.isPresent() ? shared.get() : new ConnectionPool(options, operator(context));
        FleetRunner runner = new FleetRunner(host -> pool.get(host, options), forks, settings.runTimeout());
        return new FleetSession(inv, selected, pool, shared.isEmpty(), runner, settings, options);
    }
}
