package jts.fleet.inventory.ansible;

import java.util.Map;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.YamlNode;
import jts.fleet.inventory.source.YamlReader;

/**
 * Ansible's YAML inventory format: top-level keys are groups (usually {@code all}); a group has {@code hosts}
 * (entries {@code NAME[:PORT]} with ranges, each with a mapping of vars or nothing), {@code vars} and
 * {@code children} (groups, recursively). Any other key is an error here, where Ansible only warns and skips it:
 * a misspelt {@code hosts:} would silently drop hosts. A mapping with {@code plugin:} is a dynamic inventory
 * plugin's configuration, which jts-fleet cannot run.
 */
final class YamlInventoryParser {
    private final AnsibleInventory inventory;
    private final String file;

    private YamlInventoryParser(AnsibleInventory inventory, String file) {
        this.inventory = inventory;
        this.file = file;
    }

    /** Reads YAML text; throws {@link InventoryException} for YAML errors, {@link IllegalArgumentException} else. */
    static void parse(String text, String file, AnsibleInventory inventory) throws InventoryException {
        YamlNode root = YamlReader.read(text, file);
        if (!(root instanceof YamlNode.MapNode map) || map.entries().isEmpty()) {
            throw new IllegalArgumentException(root.where() + ": a YAML inventory is a mapping of groups, got "
                    + root.typeName());
        }
        if (map.get("plugin").isPresent()) {
            throw new IllegalArgumentException(map.entry("plugin").orElseThrow().keyLine() > 0
                    ? file + ":" + map.entry("plugin").orElseThrow().keyLine() + ": inventory plugin configuration ("
                    + scalar(map.get("plugin").orElseThrow()) + "): jts-fleet reads only static inventories; export "
                    + "it with ansible-inventory -i " + file + " --list --yaml > static.yml"
                    : file + ": inventory plugin configuration");
        }
        YamlInventoryParser p = new YamlInventoryParser(inventory, file);
        for (YamlNode.Entry e : map.entries()) {
            p.group(e.key(), e.keyLine(), e.value());
        }
    }

    private static String scalar(YamlNode node) {
        return node instanceof YamlNode.Scalar s ? s.text() : node.typeName();
    }

    private void group(String name, int line, YamlNode body) {
        inventory.addGroup(name, file + ":" + line);
        if (body instanceof YamlNode.Scalar s && s.isNull()) {
            return;
        }
        if (!(body instanceof YamlNode.MapNode map)) {
            throw new IllegalArgumentException(body.where() + ": group " + name + " must be a mapping (hosts, vars, "
                    + "children), got " + body.typeName());
        }
        for (YamlNode.Entry e : map.entries()) {
            String where = file + ":" + e.keyLine();
            if (!java.util.List.of("hosts", "vars", "children").contains(e.key())) {
                throw new IllegalArgumentException(where + ": group " + name + ": unknown key '" + e.key()
                        + "' (hosts, vars, children)");
            }
            YamlNode value = e.value();
            if (value instanceof YamlNode.Scalar s && s.isNull()) {
                continue;
            }
            if (value instanceof YamlNode.Scalar s && e.key().equals("hosts")) {
                // Ansible turns "hosts: name" into a mapping with that one host
                value = new YamlNode.MapNode(s.source(), s.line(),
                        java.util.List.of(new YamlNode.Entry(s.text(), s.line(),
                                new YamlNode.Scalar(s.source(), s.line(), YamlNode.Kind.NULL, ""))));
            }
            if (!(value instanceof YamlNode.MapNode section)) {
                throw new IllegalArgumentException(value.where() + ": group " + name + ": '" + e.key()
                        + "' must be a mapping, got " + value.typeName());
            }
            switch (e.key()) {
                case "vars" -> vars(section).forEach((k, v) -> inventory.setGroupVar(name, k, v));
                case "children" -> {
                    for (YamlNode.Entry child : section.entries()) {
                        group(child.key(), child.keyLine(), child.value());
                        inventory.addChild(name, child.key(), file + ":" + child.keyLine());
                    }
                }
                default -> hosts(name, section);
            }
        }
    }

    private void hosts(String group, YamlNode.MapNode section) {
        for (YamlNode.Entry e : section.entries()) {
            String where = file + ":" + e.keyLine();
            HostPatterns.Parsed parsed;
            try {
                parsed = HostPatterns.parse(e.key());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage());
            }
            Map<String, AnsibleValue> vars = Map.of();
            if (e.value() instanceof YamlNode.MapNode m) {
                vars = vars(m);
            } else if (!(e.value() instanceof YamlNode.Scalar s && s.isNull())) {
                throw new IllegalArgumentException(where + ": host " + e.key() + " must have a mapping of vars or "
                        + "nothing, got " + e.value().typeName());
            }
            for (String host : parsed.hosts()) {
                inventory.addHost(group, host, where);
                int line = e.keyLine();
                parsed.port().ifPresent(p -> inventory.setHostVar(host, "ansible_port",
                        new AnsibleValue(Integer.toString(p), AnsibleValue.Kind.INT, file, line)));
                vars.forEach((k, v) -> inventory.setHostVar(host, k, v));
            }
        }
    }

    /** A mapping of vars, each with the line of its key. */
    static Map<String, AnsibleValue> vars(YamlNode.MapNode map) {
        Map<String, AnsibleValue> vars = new java.util.LinkedHashMap<>();
        for (YamlNode.Entry e : map.entries()) {
            vars.put(e.key(), value(e.value(), map.source(), e.keyLine()));
        }
        return vars;
    }

    static AnsibleValue value(YamlNode node, String file, int line) {
        if (node instanceof YamlNode.Scalar s) {
            AnsibleValue.Kind kind = switch (s.kind()) {
                case STRING -> AnsibleValue.Kind.STRING;
                case INT -> AnsibleValue.Kind.INT;
                case FLOAT -> AnsibleValue.Kind.FLOAT;
                case BOOL -> AnsibleValue.Kind.BOOL;
                case NULL -> AnsibleValue.Kind.NULL;
            };
            return new AnsibleValue(s.kind() == YamlNode.Kind.BOOL ? Boolean.toString(s.bool()) : s.text(), kind,
                    file, line);
        }
        return new AnsibleValue(node.typeName(), AnsibleValue.Kind.COMPLEX, file, line, java.util.Optional.of(node));
    }
}
