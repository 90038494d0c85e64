package jts.fleet.inventory.ansible;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.YamlNode;
import jts.fleet.inventory.source.YamlReader;

/**
 * Reads an Ansible inventory source as ansible-core does: a file (YAML when it ends in .yml, .yaml or .json, INI
 * otherwise; a file without extension is tried as YAML, then as INI), or a directory whose files are read in name
 * order (skipping Ansible's ignored extensions: .ini, .cfg, .retry, .orig, .txt, .md, .rst, .bak, .swp, .pyc,
 * .pyo, .rpm, ~, and hidden files); then {@code group_vars/} and {@code host_vars/} beside it (in the directory of
 * a file, inside a directory source): for each group and host the file NAME, NAME.yml, NAME.yaml or NAME.json
 * (the first that exists), or every file below a directory NAME/ in name order.
 */
public final class AnsibleInventoryReader {
    private static final List<String> YAML_EXTENSIONS = List.of(".yml", ".yaml", ".json");
    private static final List<String> IGNORED = List.of(".ini", ".cfg", ".retry", ".orig", ".txt", ".md", ".rst",
            ".bak", ".swp", ".pyc", ".pyo", ".rpm", "~");

    private AnsibleInventoryReader() {
    }

    /**
     * @param path  the inventory file or directory
     * @param shown how messages name it (the path as the user gave it)
     */
    public static AnsibleInventory read(Path path, String shown) throws InventoryException {
        AnsibleInventory inventory = new AnsibleInventory();
        try {
            if (Files.isDirectory(path)) {
                inventory.input(path);
                List<Path> files = list(path);
                if (files.isEmpty()) {
                    throw new InventoryException(shown + ": no inventory file in this directory");
                }
                for (Path f : files) {
                    source(f, display(shown, path, f), inventory);
                }
            } else if (Files.isRegularFile(path)) {
                source(path, shown, inventory);
            } else {
                throw new InventoryException(shown + ": Ansible inventory not found");
            }
            inventory.reconcile();
            Path base = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            Path shownBase = Files.isDirectory(path) ? Path.of(shown)
                    : Optional.ofNullable(Path.of(shown).getParent()).orElse(Path.of(""));
            varsDirectory(inventory, base, shownBase, false);
            varsDirectory(inventory, base, shownBase, true);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InventoryException(shown + ": cannot read: " + e.getMessage(), e);
        }
        return inventory;
    }

    private static String display(String shown, Path dir, Path file) {
        return Path.of(shown).resolve(dir.relativize(file)).toString();
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.equals("group_vars") || name.equals("host_vars")
                        || IGNORED.stream().anyMatch(name::endsWith)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    out.addAll(list(p));
                } else {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void source(Path file, String shown, AnsibleInventory inventory) throws IOException,
            InventoryException {
        inventory.input(file);
        if (Files.isExecutable(file) && !Files.isDirectory(file)) {
            throw new InventoryException(shown + ": an executable inventory script: jts-fleet runs no local "
                    + "commands; export it with ansible-inventory -i " + shown + " --list --yaml > static.yml");
        }
        String text = jts.fleet.inventory.source.InventoryText.read(file, shown, "Ansible inventory");
        if (text.stripLeading().startsWith("$ANSIBLE_VAULT")) {
            throw new InventoryException(shown + ": encrypted with Ansible Vault; jts-fleet never decrypts");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yamlExtension = YAML_EXTENSIONS.stream().anyMatch(name::endsWith);
        boolean noExtension = name.indexOf('.') < 0;
        if (yamlExtension) {
            YamlInventoryParser.parse(text, shown, inventory);
            return;
        }
        if (noExtension && looksLikeYaml(text)) {
            AnsibleInventory probe = new AnsibleInventory();
            try {
                YamlInventoryParser.parse(text, shown, probe);
                YamlInventoryParser.parse(text, shown, inventory);
                return;
            } catch (InventoryException | IllegalArgumentException e) {
                // not YAML after all: Ansible goes on to the INI plugin
            }
        }
        IniInventoryParser.parse(text, shown, inventory);
    }

    /** The first significant line is a {@code key:} (INI files start with a section or a host). */
    private static boolean looksLikeYaml(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.equals("---")) {
                continue;
            }
            return !l.startsWith("[") && l.endsWith(":") || l.matches("[^\\s=]+:\\s.*");
        }
        return false;
    }

    /** {@code group_vars/} (host=false) or {@code host_vars/} beside the inventory. */
    private static void varsDirectory(AnsibleInventory inventory, Path base, Path shownBase, boolean host)
            throws IOException, InventoryException {
        String sub = host ? "host_vars" : "group_vars";
        Path dir = base.resolve(sub);
        inventory.input(dir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> names = host ? inventory.hosts() : List.copyOf(inventory.groups().keySet());
        for (String name : names) {
            List<Path> files = varsFiles(dir, name);
            Map<String, AnsibleValue> vars = new LinkedHashMap<>();
            for (Path f : files) {
                inventory.input(f);
                String shown = shownBase.resolve(sub).resolve(dir.relativize(f)).toString();
                String text = jts.fleet.inventory.source.InventoryText.read(f, shown, "vars file");
                if (text.stripLeading().startsWith("$ANSIBLE_VAULT")) {
                    inventory.note(shown + ": encrypted with Ansible Vault: not read (jts-fleet never decrypts; keep "
                            + "connection vars out of vaulted files)");
                    continue;
                }
                YamlNode root = YamlReader.read(text, shown);
                if (root instanceof YamlNode.MapNode m) {
                    vars.putAll(YamlInventoryParser.vars(m));
                } else if (!(root instanceof YamlNode.Scalar s && s.isNull())) {
                    throw new InventoryException(root.where() + ": a vars file holds a mapping of variables, got "
                            + root.typeName());
                }
            }
            if (!files.isEmpty()) {
                inventory.setVarsFile(host, name, vars);
            }
        }
    }

    /** Ansible's {@code find_vars_files}: NAME, NAME.yml, .yaml, .json (first found), or the files under NAME/. */
    private static List<Path> varsFiles(Path dir, String name) throws IOException {
        for (String ext : List.of("", ".yml", ".yaml", ".json")) {
            Path p = dir.resolve(name + ext);
            if (Files.isDirectory(p)) {
                return dirFiles(p);
            }
            if (Files.exists(p)) {
                return List.of(p);
            }
        }
        return List.of();
    }

    private static List<Path> dirFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.endsWith("~")) {
                    continue;
                }
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot);
                if (Files.isDirectory(p) && ext.isEmpty()) {
                    out.addAll(dirFiles(p));
                } else if (Files.isRegularFile(p) && (ext.isEmpty() || YAML_EXTENSIONS.contains(ext))) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
