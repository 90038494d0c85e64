package jts.fleet.inventory.ansible;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory format (the {@code ini} inventory plugin): {@code [group]}, {@code [group:vars]} and
 * {@code [group:children]} sections; host lines {@code NAME[:PORT] key=value ...} split like a shell line with
 * {@code #} comments; vars lines {@code key = value} (the value is everything after the first {@code =}, a
 * {@code #} included, as in Ansible); values typed as Python literals. Hosts before any section are in
 * {@code ungrouped}. A {@code :vars} or {@code :children} section naming a group never declared is an error, as in
 * Ansible.
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private record Pending(int line, String state, List<String> parents) {
    }

    private final AnsibleInventory inventory;
    private final String file;

    private IniInventoryParser(AnsibleInventory inventory, String file) {
        this.inventory = inventory;
        this.file = file;
    }

    /** Adds the groups, hosts and vars of {@code text} to {@code inventory}. */
    static void parse(String text, String file, AnsibleInventory inventory) {
        new IniInventoryParser(inventory, file).parse(text);
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }

    private void parse(String text) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        String group = AnsibleInventory.UNGROUPED;
        String state = "hosts";
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                group = section.group(1);
                state = section.group(2) == null ? "hosts" : section.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    throw error(number, "section [" + group + ":" + state + "] has unknown type: " + state
                            + " (hosts, children or vars)");
                }
                if (!inventory.hasGroup(group)) {
                    if (state.equals("vars")) {
                        pending.putIfAbsent(group, new Pending(number, "vars", new ArrayList<>()));
                    }
                    inventory.addGroup(group, file + ":" + number);
                }
                Pending p = pending.get(group);
                if (p != null && !state.equals("vars")) {
                    if (p.state().equals("children")) {
                        addPendingChildren(group, pending);
                    } else {
                        pending.remove(group);
                    }
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw error(number, "invalid section entry '" + line + "': no spaces or other characters than a "
                        + "group name and :vars or :children are allowed");
            }
            switch (state) {
                case "hosts" -> hostLine(line, number, group);
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq < 0) {
                        throw error(number, "expected key=value, got: " + line);
                    }
                    inventory.setGroupVar(group, line.substring(0, eq).strip(),
                            value(line.substring(eq + 1).strip(), number));
                }
                default -> { // children
                    Matcher m = GROUP_NAME.matcher(line);
                    if (!m.matches()) {
                        throw error(number, "expected a group name, got: " + line);
                    }
                    String child = m.group(1);
                    if (!inventory.hasGroup(child)) {
                        Pending p = pending.get(child);
                        if (p == null) {
                            pending.put(child, new Pending(number, "children", new ArrayList<>(List.of(group))));
                        } else {
                            p.parents().add(group);
                        }
                    } else {
                        inventory.addChild(group, child, file + ":" + number);
                    }
                }
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.state().equals("vars")) {
                throw error(p.line(), "section [" + e.getKey() + ":vars] is not valid for undefined group "
                        + e.getKey());
            }
            throw error(p.line(), "section [" + p.parents().get(p.parents().size() - 1) + ":children] includes "
                    + "undefined group " + e.getKey());
        }
    }

    private void addPendingChildren(String group, Map<String, Pending> pending) {
        Pending p = pending.remove(group);
        for (String parent : p.parents()) {
            inventory.addChild(parent, group, file + ":" + p.line());
            Pending pp = pending.get(parent);
            if (pp != null && pp.state().equals("children")) {
                addPendingChildren(parent, pending);
            }
        }
    }

    private void hostLine(String line, int number, String group) {
        List<String> tokens;
        try {
            tokens = ShellWords.split(line, true);
        } catch (IllegalArgumentException e) {
            throw error(number, "cannot split host line '" + line + "': " + e.getMessage());
        }
        if (tokens.isEmpty()) {
            return;
        }
        HostPatterns.Parsed parsed;
        try {
            parsed = HostPatterns.parse(tokens.get(0));
        } catch (IllegalArgumentException e) {
            throw error(number, e.getMessage());
        }
        Map<String, AnsibleValue> vars = new LinkedHashMap<>();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw error(number, "expected key=value host variable assignment, got: " + t);
            }
            vars.put(t.substring(0, eq), value(t.substring(eq + 1), number));
        }
        for (String host : parsed.hosts()) {
            inventory.addHost(group, host, file + ":" + number);
            parsed.port().ifPresent(p -> inventory.setHostVar(host, "ansible_port",
                    new AnsibleValue(Integer.toString(p), AnsibleValue.Kind.INT, file, number)));
            vars.forEach((k, v) -> inventory.setHostVar(host, k, v));
        }
    }

    /** {@code ast.literal_eval}, else the text itself (the INI plugin's {@code _parse_value}). */
    private AnsibleValue value(String text, int line) {
        String t = text.strip();
        if (INT.matcher(t).matches()) {
            return new AnsibleValue(new java.math.BigInteger(t.replace("_", "")).toString(), AnsibleValue.Kind.INT,
                    file, line);
        }
        if (FLOAT.matcher(t).matches()) {
            return new AnsibleValue(t, AnsibleValue.Kind.FLOAT, file, line);
        }
        if (t.equals("True") || t.equals("False")) {
            return new AnsibleValue(t.toLowerCase(java.util.Locale.ROOT), AnsibleValue.Kind.BOOL, file, line);
        }
        if (t.equals("None")) {
            return new AnsibleValue("", AnsibleValue.Kind.NULL, file, line);
        }
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)
                && t.indexOf(t.charAt(0), 1) == t.length() - 1) {
            return new AnsibleValue(t.substring(1, t.length() - 1), AnsibleValue.Kind.STRING, file, line);
        }
        if ((t.startsWith("[") && t.endsWith("]")) || (t.startsWith("{") && t.endsWith("}"))) {
            return new AnsibleValue(t, AnsibleValue.Kind.COMPLEX, file, line);
        }
        return new AnsibleValue(text, AnsibleValue.Kind.STRING, file, line);
    }
}
