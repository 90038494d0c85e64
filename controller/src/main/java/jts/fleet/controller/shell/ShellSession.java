package jts.fleet.controller.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FileStamps;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.Operator;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.TransportFactory;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.Transports;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.GatherException;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.model.TierAssigner;
import jts.fleet.remote.monitor.HostReads;

/**
 * State kept across the commands of one shell: the inventory (re-read when its file changes), the current
 * {@code use} selection, the connection pool every command shares, the last gather output of each host and
 * notices for the operator (reconnects) printed after the command that caused them.
 */
public final class ShellSession implements AutoCloseable {
    /** Last successful gather of a host: raw output, parsed on demand (completion needs it rarely). */
    record CachedGather(HostSpec host, String output) {
    }

    private final AppContext context;
    private final InventoryLoader loader;
    private final Optional<Path> inventoryFile;
    private Optional<String> sshConfig = Optional.empty();
    private Optional<String> policy = Optional.empty();
    private final ConnectionPool pool;
    private final Map<String, SessionTransport> transports = new ConcurrentHashMap<>();
    private final Map<String, CachedGather> gathers = new ConcurrentHashMap<>();
    private final Map<String, StorageModel> parsed = new ConcurrentHashMap<>();
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();
    /** Read once: every exec is compared with it to spot gathers (the resource read costs ~0.5 ms). */
    private final String gatherScript = GatherScript.text();
    /**
     * The read-only scripts the shell repeats, which each host's transport runs through one resident reader
     * instead of a new SSH session per call (see {@link SshTransport#keepResident}): the gather (status,
     * snapshot, plan, completion). Not watch (one streaming sampler per host on a channel of its own), the
     * diskstats sample or the check read: they wait seconds on the host between two samples, which dwarfs a
     * session's cost, and would hold the reader meanwhile.
     */
    private final List<String> residentScripts = List.of(gatherScript);

    private final Object inventoryLock = new Object();
    private Inventory inventory; // guarded by inventoryLock
    private List<Object> inventoryStamp = List.of(); // guarded by inventoryLock
    private volatile boolean exitRequested;

    /**
     * @param inventoryFile the shell's {@code --inventory}; empty means the standard search (./inventory.yaml,
     *                      /etc/jts-fleet/inventory.yaml, embedded)
     * @throws InventoryException when the inventory cannot be loaded at start (a later broken edit keeps the
     *                            last good one and says so)
     */
    public ShellSession(AppContext context, Optional<Path> inventoryFile, SshOptions options,
            PassphrasePrompt passphrases) throws InventoryException {
        this(context, InventoryLoader.standard(), inventoryFile, options, passphrases, Transports::open);
    }

    /**
     * @param loader      the places to read (with the shell's {@code --ssh-config} applied)
     * @param sshConfig   the shell's {@code --ssh-config} as given, the default of every command in the session
     * @param policy      the shell's {@code --policy}, the same
     * @param passphrases how to ask for key passphrases (the shell's line reader on a terminal)
     */
    public ShellSession(AppContext context, InventoryLoader loader, Optional<Path> inventoryFile,
                        Optional<String> sshConfig, Optional<String> policy, SshOptions options,
                        PassphrasePrompt passphrases) throws InventoryException {
        this(context, loader, inventoryFile, options, passphrases, Transports::open);
        this.sshConfig = Objects.requireNonNull(sshConfig, "sshConfig");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param passphrases how to ask for key passphrases (the shell's line reader on a terminal)
     * @param factory     makes each host's transport (tests use fakes)
     */
    ShellSession(AppContext context, InventoryLoader loader, Optional<Path> inventoryFile, SshOptions options,
            PassphrasePrompt passphrases, TransportFactory factory) throws InventoryException {
        this.context = Objects.requireNonNull(context, "context");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.inventoryFile = Objects.requireNonNull(inventoryFile, "inventoryFile");
        // accept-new's "recorded new host key" and key file warnings are printed after the command, like reconnects
        this.pool = new ConnectionPool(options, new Operator(this::notice, passphrases), (host, run, wanted) -> {
            Transport transport = factory.open(host, run, wanted);
            if (transport instanceof SshTransport ssh) {
                ssh.keepResident(residentScripts);
            }
            SessionTransport wrapped = new SessionTransport(host, transport, this);
            transports.put(host.name(), wrapped);
            return wrapped;
        });
        synchronized (inventoryLock) {
            this.inventory = loader.load(inventoryFile);
            this.inventoryStamp = stamp();
        }
        context.setSharedPool(pool);
    }

    public AppContext context() {
        return context;
    }

    public ConnectionPool pool() {
        return pool;
    }

    public Optional<Path> inventoryFile() {
        return inventoryFile;
    }

    /** The shell's {@code --ssh-config}, if given. */
    public Optional<String> sshConfig() {
        return sshConfig;
    }

    /** The shell's {@code --policy}, if given. */
    public Optional<String> policy() {
        return policy;
    }

    /**
     * The inventory, re-read when its file (or a file it was made from, such as ssh_config) changed since the last call (an operator fixing a host entry in
     * another window should not have to restart the shell). A broken edit keeps the last good inventory and
     * leaves a notice naming the error.
     */
    public Inventory inventory() {
        synchronized (inventoryLock) {
            List<Object> now = stamp();
            if (!now.equals(inventoryStamp)) {
                inventoryStamp = now;
                try {
                    inventory = loader.load(inventoryFile);
                    inventoryStamp = stamp(); // the new inventory may read other files
                    parsed.clear(); // policies may have changed: tiers must be assigned again
                } catch (InventoryException e) {
                    notice("inventory not reloaded, keeping the previous one: " + e.getMessage());
                }
            }
            return inventory;
        }
    }

    /** Stamps of the inventory file and of every file the inventory was made from (ssh_config, ...). */
    private List<Object> stamp() {
        try {
            List<Path> files = new java.util.ArrayList<>(loader.locate(inventoryFile).stream().toList());
            if (inventory != null) {
                files.addAll(inventory.inputs());
            }
            return FileStamps.of(files);
        } catch (InventoryException | IOException e) {
            return List.of();
        }
    }

    /** The {@code use} pattern, {@code all} when none was set. */
    public String selection() {
        return context.currentHosts().orElse("all");
    }

    /**
     * Sets the current selection after checking that it selects at least one host of the inventory.
     *
     * @return the selected hosts
     */
    public List<HostSpec> use(String pattern) throws InventoryException {
        List<HostSpec> hosts = inventory().select(pattern);
        context.setCurrentHosts(pattern);
        return hosts;
    }

    /** Hosts of the current selection; empty when the selection no longer matches (inventory edited). */
    public List<HostSpec> selectedHosts() {
        try {
            return inventory().select(selection());
        } catch (InventoryException e) {
            return List.of();
        }
    }

    /** Tier names of every host's policy, in first-seen order. */
    public List<String> tierNames() {
        Set<String> names = new LinkedHashSet<>();
        Inventory inv = inventory();
        for (Tier t : inv.policy().tiers()) {
            names.add(t.name());
        }
        for (HostSpec h : inv.hosts().values()) {
            for (Tier t : h.policy().tiers()) {
                names.add(t.name());
            }
        }
        return List.copyOf(names);
    }

    boolean isGather(String script) {
        return script.length() == gatherScript.length() && script.equals(gatherScript);
    }

    void recordGather(HostSpec host, String output) {
        gathers.put(host.name(), new CachedGather(host, output));
        parsed.remove(host.name());
    }

    /** The host's storage model from its last gather in this session, if any and if it parses. */
    public Optional<StorageModel> cachedModel(String hostName) {
        CachedGather gather = gathers.get(hostName);
        if (gather == null) {
            return Optional.empty();
        }
        StorageModel model = parsed.get(hostName);
        if (model != null) {
            return Optional.of(model);
        }
        try {
            HostSpec current = inventory().host(hostName).orElse(gather.host());
            model = TierAssigner.assign(GatherParser.parse(hostName, gather.output()), current.policy());
        } catch (GatherException e) {
            return Optional.empty();
        }
        parsed.put(hostName, model);
        return Optional.of(model);
    }

    /** Device names from the cached gathers of {@code hosts}, hidden multipath paths left out. */
    public List<String> cachedDevices(List<HostSpec> hosts) {
        Set<String> names = new LinkedHashSet<>();
        for (HostSpec h : hosts) {
            cachedModel(h.name()).ifPresent(m -> m.snapshot().devices().stream()
                    .filter(d -> !d.hidden()).forEach(d -> names.add(d.name())));
        }
        return List.copyOf(names);
    }

    /** The shell's wrapper of a host's pooled transport, if one was created. */
    Optional<SessionTransport> transport(String hostName) {
        return Optional.ofNullable(transports.get(hostName));
    }

    /** Queues a line for the operator, printed after the current command. */
    void notice(String message) {
        notices.add(message);
    }

    /** Notices queued since the last call, oldest first, deduplicated. */
    List<String> drainNotices() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        String line;
        while ((line = notices.poll()) != null) {
            seen.put(line, Boolean.TRUE);
        }
        return List.copyOf(seen.keySet());
    }

    void requestExit() {
        exitRequested = true;
    }

    boolean exitRequested() {
        return exitRequested;
    }

    @Override
    public void close() {
        context.setSharedPool(null);
        pool.close();
    }
}
