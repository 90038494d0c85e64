package jts.fleet.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jts.fleet.inventory.ansible.AnsibleInventory;
import jts.fleet.inventory.ansible.AnsibleInventoryReader;
import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.InventoryText;
import jts.fleet.inventory.source.ShippedResources;
import jts.fleet.inventory.source.YamlNode;
import jts.fleet.inventory.source.YamlReader;
import jts.fleet.inventory.source.YamlTree;

/**
 * Finds and loads the inventory: {@code --inventory FILE}, else {@code ./inventory.yaml}, else
 * {@code /etc/jts-fleet/inventory.yaml}, else the embedded default (this machine through the local transport,
 * with the embedded JTS policy). The places are constructor arguments so tests can point them elsewhere.
 */
public final class InventoryLoader {
    public static final String DEFAULT_INVENTORY_RESOURCE = "/jts/fleet/inventory/default-inventory.yaml";
    public static final String DEFAULT_POLICY_RESOURCE = "/jts/fleet/inventory/default-policy.yaml";
    /**
     * Beside each embedded YAML resource, its tree as {@link YamlReader} reads it, in {@link YamlTree}'s form
     * ({@code default-policy.yaml.tree}): loads read that, and start no YAML parser for the embedded files.
     */
    public static final String TREE_SUFFIX = ".tree";
    public static final Path SYSTEM_INVENTORY = Path.of("/etc/jts-fleet/inventory.yaml");
    public static final String LOCAL_INVENTORY = "inventory.yaml";
    /** Source name of the embedded inventory in messages and in {@link Inventory#source()}. */
    public static final String EMBEDDED = "<embedded>";
    private static final String EMBEDDED_POLICY = "<embedded default-policy.yaml>";

    private final Path workingDir;
    private final Path home;
    private final String localUser;
    private final Path systemInventory;
    private final SshConfigOptions sshConfig;
    private final Optional<Path> policyFile;
    /** The embedded policy's tree, parsed on first use (immutable once set). */
    private YamlNode.MapNode defaultPolicyTree;

    /** A loader that reads no ssh_config unless an inventory names one (tests). */
    public InventoryLoader(Path workingDir, Path home, String localUser, Path systemInventory) {
        this(workingDir, home, localUser, systemInventory,
                SshConfigOptions.nothing(SshEnvironment.of(home, localUser)));
    }

    public InventoryLoader(Path workingDir, Path home, String localUser, Path systemInventory,
                           SshConfigOptions sshConfig) {
        this(workingDir, home, localUser, systemInventory, sshConfig, Optional.empty());
    }

    private InventoryLoader(Path workingDir, Path home, String localUser, Path systemInventory,
                            SshConfigOptions sshConfig, Optional<Path> policyFile) {
        this.workingDir = workingDir;
        this.home = home;
        this.localUser = localUser;
        this.systemInventory = systemInventory;
        this.sshConfig = sshConfig;
        this.policyFile = policyFile;
    }

    /**
     * The real places: the current directory, the user's home and name, {@code /etc/jts-fleet}, and the ssh_config
     * files {@code ssh} reads.
     */
    public static InventoryLoader standard() {
        // ~ in identity_file/known_hosts is OpenSSH's ~: the password file's home (UserDirs.sshHome)
        return new InventoryLoader(Path.of("").toAbsolutePath(), UserDirs.current().sshHome(),
                System.getProperty("user.name"), SYSTEM_INVENTORY, SshConfigOptions.standard());
    }

    /** The same loader with {@code --ssh-config FILE|none}, which replaces every other ssh_config choice. */
    public InventoryLoader withSshConfigOverride(String value) {
        return new InventoryLoader(workingDir, home, localUser, systemInventory, sshConfig.withOverride(value),
                policyFile);
    }

    /** The same loader with {@code --policy FILE}: jts-fleet's settings for an Ansible inventory. */
    public InventoryLoader withPolicy(Path file) {
        return new InventoryLoader(workingDir, home, localUser, systemInventory, sshConfig, Optional.of(file));
    }

    /** The choices besides the inventory file that change what a load returns: a cache must key on them. */
    public Object choices() {
        return java.util.List.of(sshConfig.override(), sshConfig.userConfig(), sshConfig.systemConfig(), policyFile);
    }

    /** The prefix of {@code --inventory ansible:PATH}. */
    public static final String ANSIBLE_PREFIX = "ansible:";

    /**
     * The file (or, for {@code ansible:PATH}, the file or directory) {@link #load} reads, or empty for the embedded
     * default. An explicit one must exist; the implicit places are skipped when absent.
     */
    public Optional<Path> locate(Optional<Path> explicit) throws InventoryException {
        if (explicit.isPresent()) {
            Optional<Path> ansible = ansiblePath(explicit.get());
            Path file = workingDir.resolve(ansible.orElse(explicit.get()));
            if (!Files.exists(file)) {
                throw new InventoryException(explicit.get() + ": " + (ansible.isPresent() ? "Ansible inventory"
                        : "inventory file") + " not found (--inventory)");
            }
            return ansible.isPresent() ? Optional.of(file) : explicit;
        }
        Path local = workingDir.resolve(LOCAL_INVENTORY);
        if (Files.exists(local)) {
            return Optional.of(Path.of(LOCAL_INVENTORY));
        }
        if (Files.exists(systemInventory)) {
            return Optional.of(systemInventory);
        }
        return Optional.empty();
    }

    /** The PATH of {@code ansible:PATH}, else empty. */
    static Optional<Path> ansiblePath(Path inventory) {
        String text = inventory.toString();
        return text.startsWith(ANSIBLE_PREFIX) ? Optional.of(Path.of(text.substring(ANSIBLE_PREFIX.length())))
                : Optional.empty();
    }

    public Inventory load(Optional<Path> explicit) throws InventoryException {
        refuseStrayPolicy(explicit); // before locate: a stray --policy is the error, even when the file is missing too
        return read(explicit, locate(explicit));
    }

    /**
     * {@link #load(Optional)} where {@code located} is what {@link #locate} returned for {@code explicit}: a caller
     * that had to know whether a file is read (the shell, before each command) does not look the places up twice.
     */
    public Inventory load(Optional<Path> explicit, Optional<Path> located) throws InventoryException {
        refuseStrayPolicy(explicit);
        return read(explicit, located);
    }

    /** The inventory {@code explicit} names, found at {@code located}; a stray {@code --policy} was refused before. */
    private Inventory read(Optional<Path> explicit, Optional<Path> located) throws InventoryException {
        Optional<Path> ansible = explicit.isPresent() ? ansiblePath(explicit.get()) : Optional.empty();
        if (ansible.isPresent()) {
            return loadAnsible(ansible.get());
        }
        return located.isPresent() ? loadFile(located.get()) : loadDefault();
    }

    private void refuseStrayPolicy(Optional<Path> explicit) throws InventoryException {
        if (policyFile.isPresent() && (explicit.isEmpty() || ansiblePath(explicit.get()).isEmpty())) {
            throw new InventoryException("--policy " + policyFile.get() + ": applies to Ansible inventories "
                    + "(--inventory ansible:PATH); a jts-fleet inventory holds its own policy");
        }
    }

    /**
     * An Ansible inventory (file or directory, with group_vars/ and host_vars/ beside it) and jts-fleet's policy:
     * the file {@code --policy} gave, or the inventory's inline {@link AnsibleInlinePolicy}; messages name
     * {@code ansible:PATH}.
     */
    public Inventory loadAnsible(Path path) throws InventoryException {
        String source = ANSIBLE_PREFIX + path;
        AnsibleInventory ansible = AnsibleInventoryReader.read(workingDir.resolve(path), path.toString());
        Optional<YamlNode> policy = AnsibleInlinePolicy.find(ansible);
        if (policyFile.isPresent()) {
            if (policy.isPresent()) {
                throw new InventoryException(policy.get().where() + ": " + AnsibleInlinePolicy.VARIABLE + ": jts-fleet's "
                        + "policy is given twice, inline here and by --policy " + policyFile.get() + ": keep one");
            }
            policy = Optional.of(YamlReader.read(readText(policyFile.get(), "policy file"), policyFile.get().toString()));
        }
        Inventory inv = new InventoryBuilder(home, localUser, sshConfig).buildAnsible(ansible, policy, source,
                defaultPolicyTree());
        if (policyFile.isEmpty()) {
            return inv;
        }
        java.util.Set<Path> inputs = new java.util.LinkedHashSet<>(inv.inputs());
        inputs.add(workingDir.resolve(policyFile.get()));
        return new Inventory(inv.source(), inv.defaults(), inv.policy(), inv.hosts(), inv.groups(),
                inv.explanations(), inputs);
    }

    /** Loads one file; messages name it as given ({@code inventory.yaml:14: ...}). */
    public Inventory loadFile(Path file) throws InventoryException {
        Path resolved = workingDir.resolve(file);
        if (Files.isDirectory(resolved)) {
            throw new InventoryException(file + ": is a directory, not an inventory file");
        }
        return loadFromString(readText(file, "inventory file"), file.toString());
    }

    /** A UTF-8 file, resolved from the working directory; messages name it as given. */
    private String readText(Path file, String what) throws InventoryException {
        return InventoryText.read(workingDir.resolve(file), file.toString(), what);
    }

    /** Loads inventory text; {@code sourceName} is how messages name it. */
    public Inventory loadFromString(String yaml, String sourceName) throws InventoryException {
        return build(YamlReader.read(yaml, sourceName), sourceName);
    }

    private Inventory build(YamlNode root, String sourceName) throws InventoryException {
        return new InventoryBuilder(home, localUser, sshConfig).build(root, sourceName, defaultPolicyTree());
    }

    /** The embedded default inventory: host {@code local}, local transport, embedded policy. */
    public Inventory loadDefault() throws InventoryException {
        return new InventoryBuilder(home, localUser, sshConfig).buildChecked(embedded(DEFAULT_INVENTORY_RESOURCE,
                EMBEDDED), EMBEDDED, defaultPolicyTree());
    }

    /** The embedded JTS policy on its own. */
    public Policy defaultPolicy() throws InventoryException {
        return new InventoryBuilder(home, localUser, sshConfig).standalonePolicy(defaultPolicyTree());
    }

    private synchronized YamlNode.MapNode defaultPolicyTree() throws InventoryException {
        if (defaultPolicyTree == null) {
            defaultPolicyTree = InventoryBuilder.asMap(embedded(DEFAULT_POLICY_RESOURCE, EMBEDDED_POLICY));
        }
        return defaultPolicyTree;
    }

    /** An embedded YAML resource as {@link YamlReader} reads it, from its tree ({@link #TREE_SUFFIX}). */
    static YamlNode embedded(String yamlResource, String source) {
        return YamlTree.read(resource(yamlResource + TREE_SUFFIX), source);
    }

    /** Text of an embedded resource; a missing one is a packaging bug, not a user error. */
    static String resource(String name) {
        return ShippedResources.text(name);
    }
}
