package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import picocli.CommandLine.Option;

/**
 * Which inventory and which hosts: the options of every command that reads the inventory. Commands that also
 * reach hosts add the connection options ({@link FleetOptions}); the others (inventory, render alerts and
 * dashboard) show only these.
 */
public final class HostSelection {
    /**
     * What {@code --ssh-config FILE|none} is, the same words on every command that offers it; each adds what it
     * does with the file ({@link FleetOptions}, inventory check and list).
     */
    public static final String SSH_CONFIG = "OpenSSH client config read instead of ~/.ssh/config and "
            + "/etc/ssh/ssh_config, or 'none'";

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Inventory file, or ansible:PATH for an Ansible inventory (default: ./inventory.yaml, "
                    + "/etc/jts-fleet/inventory.yaml, embedded).")
    Path inventory;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "jts-fleet's policy for an Ansible inventory (tiers, maintenance, per-group overrides, "
                    + "defaults); without it the inventory's inline jts_fleet variable, else the embedded JTS policy.")
    Path policy;

    /** {@code --ssh-config FILE|none}, set by the commands that offer it ({@link FleetOptions}, inventory list). */
    String sshConfig;

    @Option(names = {"-H", "--hosts"}, paramLabel = "PATTERN",
            description = "Hosts: names, groups, globs, 'all'; a,b union, :&x intersection, :!x exclusion.")
    String hosts;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Further restrict the selected hosts.")
    String limit;

    /** {@code --ssh-config FILE|none}, for the commands that offer it. */
    public void useSshConfig(String file) {
        this.sshConfig = file;
    }

    /** Selects exactly {@code pattern}, as {@code --hosts} would (a command naming its one host). */
    public void selectOnly(String pattern) {
        this.hosts = pattern;
    }

    public Inventory loadInventory() throws InventoryException {
        return loader().load(Optional.ofNullable(inventory));
    }

    /** The same, reusing the inventory the context's last command loaded when its files are unchanged. */
    public Inventory loadInventory(AppContext context) throws InventoryException {
        InventoryLoader loader = loader();
        return loadInventory(context, loader, locate(loader));
    }

    /**
     * The file {@code loader} reads for this selection (given, ./inventory.yaml, /etc/jts-fleet/inventory.yaml), or
     * empty for the embedded default, which holds only this machine; a given file that is missing is an error.
     */
    Optional<Path> locate(InventoryLoader loader) throws InventoryException {
        return loader.locate(Optional.ofNullable(inventory));
    }

    /** {@link #loadInventory(AppContext)} with the loader and the file a caller has located already. */
    Inventory loadInventory(AppContext context, InventoryLoader loader, Optional<Path> file) throws InventoryException {
        return context.inventories().load(loader, Optional.ofNullable(inventory), file);
    }

    /** The standard places, with {@code --policy} and {@code --ssh-config} when given (relative files from here). */
    InventoryLoader loader() {
        return loader(Optional.ofNullable(policy), Optional.ofNullable(sshConfig));
    }

    /**
     * The standard places with a {@code --policy} file and an {@code --ssh-config} file or {@code none}, relative
     * files from the current directory: for a command, and for the shell's whole session.
     */
    public static InventoryLoader loader(Optional<Path> policy, Optional<String> sshConfig) {
        InventoryLoader loader = InventoryLoader.standard();
        if (policy.isPresent()) {
            loader = loader.withPolicy(policy.get().toAbsolutePath());
        }
        if (sshConfig.isEmpty()) {
            return loader;
        }
        return loader.withSshConfigOverride(sshConfig.get().equals("none") ? sshConfig.get()
                : Path.of(sshConfig.get()).toAbsolutePath().toString());
    }

    /** The host pattern: --hosts, else the shell's current selection, else all. */
    public String pattern(AppContext context) {
        if (hosts != null) {
            return hosts;
        }
        return context.currentHosts().orElse("all");
    }

    public List<HostSpec> select(Inventory inv, AppContext context) throws InventoryException {
        return inv.select(pattern(context), Optional.ofNullable(limit));
    }
}
