package jts.fleet.inventory.ansible;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Ansible inventory as ansible-core builds it: groups ({@code all} and {@code ungrouped} always exist) with
 * children, direct hosts and vars; hosts with their inventory vars; the {@code group_vars/} and {@code host_vars/}
 * files found beside the inventory. Filled by the parsers, then {@link #reconcile()}d like Ansible's
 * {@code reconcile_inventory}: a group without parent is a child of {@code all}, a host in no group is in
 * {@code ungrouped}.
 */
public final class AnsibleInventory {
    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";

    /** One group; {@code where} is the place it was first declared. */
    public static final class Group {
        private final String name;
        private final String where;
        private final List<String> children = new ArrayList<>();
        private final List<String> parents = new ArrayList<>();
        private final List<String> hosts = new ArrayList<>();
        private final Map<String, AnsibleValue> vars = new LinkedHashMap<>();
        private int depth;

        Group(String name, String where) {
            this.name = name;
            this.where = where;
        }

        public String name() {
            return name;
        }

        public String where() {
            return where;
        }

        public List<String> children() {
            return List.copyOf(children);
        }

        public List<String> hosts() {
            return List.copyOf(hosts);
        }

        public Map<String, AnsibleValue> vars() {
            return Map.copyOf(vars);
        }

        public int depth() {
            return depth;
        }

        /** {@code ansible_group_priority} (default 1): orders groups of the same depth. */
        public int priority() {
            AnsibleValue p = vars.get("ansible_group_priority");
            if (p == null) {
                return 1;
            }
            try {
                return Integer.parseInt(p.text().strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, AnsibleValue>> hostVars = new LinkedHashMap<>();
    private final Map<String, String> hostWhere = new HashMap<>();
    private final Map<String, Map<String, AnsibleValue>> groupVarsFiles = new HashMap<>();
    private final Map<String, Map<String, AnsibleValue>> hostVarsFiles = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<Path> inputs = new LinkedHashSet<>();

    public AnsibleInventory() {
        groups.put(ALL, new Group(ALL, "(implicit)"));
        groups.put(UNGROUPED, new Group(UNGROUPED, "(implicit)"));
        groups.get(ALL).children.add(UNGROUPED);
        groups.get(UNGROUPED).parents.add(ALL);
    }

    // --- building (parsers) ---

    Group addGroup(String name, String where) {
        return groups.computeIfAbsent(name, n -> new Group(n, where));
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    /** Makes {@code child} a child of {@code parent}; a cycle is an error naming {@code where}. */
    void addChild(String parent, String child, String where) {
        Group p = addGroup(parent, where);
        Group c = addGroup(child, where);
        if (parent.equals(child) || ancestors(parent).contains(child)) {
            throw new IllegalArgumentException(where + ": adding group '" + child + "' as child of '" + parent
                    + "' creates a recursive dependency loop");
        }
        if (!p.children.contains(child)) {
            p.children.add(child);
            c.parents.add(parent);
        }
    }

    void addHost(String group, String host, String where) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>());
        hostWhere.putIfAbsent(host, where);
        Group g = addGroup(group, where);
        if (!g.hosts.contains(host)) {
            g.hosts.add(host);
        }
    }

    void setHostVar(String host, String key, AnsibleValue value) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(key, value);
    }

    void setGroupVar(String group, String key, AnsibleValue value) {
        groups.get(group).vars.put(key, value);
    }

    void setVarsFile(boolean host, String name, Map<String, AnsibleValue> vars) {
        (host ? hostVarsFiles : groupVarsFiles).put(name, Map.copyOf(vars));
    }

    void note(String text) {
        notes.add(text);
    }

    void input(Path path) {
        inputs.add(path);
    }

    /** Ansible's reconcile: parentless groups under all, groupless hosts in ungrouped, depths computed. */
    void reconcile() {
        for (Group g : groups.values()) {
            if (!g.name.equals(ALL) && g.parents.isEmpty()) {
                addChild(ALL, g.name, g.where);
            }
        }
        Group ungrouped = groups.get(UNGROUPED);
        for (String host : hostVars.keySet()) {
            boolean elsewhere = groups.values().stream().anyMatch(g -> !g.name.equals(UNGROUPED)
                    && !g.name.equals(ALL) && g.hosts.contains(host));
            if (elsewhere) {
                ungrouped.hosts.remove(host);
            } else if (!ungrouped.hosts.contains(host)) {
                ungrouped.hosts.add(host);
            }
        }
        groups.get(ALL).hosts.clear(); // every host is in all through its groups
        for (Group g : groups.values()) {
            g.depth = depth(g.name, new LinkedHashSet<>());
        }
    }

    private int depth(String group, Set<String> seen) {
        Group g = groups.get(group);
        if (g.parents.isEmpty() || !seen.add(group)) {
            return 0;
        }
        int d = 0;
        for (String p : g.parents) {
            d = Math.max(d, depth(p, seen) + 1);
        }
        seen.remove(group);
        return d;
    }

    // --- reading ---

    public Map<String, Group> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** Host names in the order they first appear. */
    public List<String> hosts() {
        return List.copyOf(hostVars.keySet());
    }

    /** Where a host first appears. */
    public String hostWhere(String host) {
        return hostWhere.get(host);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The files and directories the inventory was read from (a cache must watch them). */
    public Set<Path> inputs() {
        return Set.copyOf(inputs);
    }

    /** Every ancestor of {@code group} (not itself). */
    public Set<String> ancestors(String group) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(groups.containsKey(group) ? groups.get(group).parents : List.of());
        while (!todo.isEmpty()) {
            String g = todo.remove(0);
            if (out.add(g)) {
                todo.addAll(groups.get(g).parents);
            }
        }
        return out;
    }

    /** The groups of {@code host} with their ancestors, without {@code all}, in Ansible's order (depth, priority, name). */
    public List<String> groupsOf(String host) {
        Set<String> names = new LinkedHashSet<>();
        for (Group g : groups.values()) {
            if (g.hosts.contains(host)) {
                names.add(g.name);
                names.addAll(ancestors(g.name));
            }
        }
        names.remove(ALL);
        List<Group> sorted = new ArrayList<>(names.stream().map(groups::get).toList());
        sorted.sort(Comparator.comparingInt(Group::depth).thenComparingInt(Group::priority)
                .thenComparing(Group::name));
        return sorted.stream().map(Group::name).toList();
    }

    /** The hosts of {@code group} and of all its descendants, in inventory order. */
    public List<String> members(String group) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(group));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String g = todo.remove(0);
            if (seen.add(g)) {
                all.addAll(groups.get(g).hosts);
                todo.addAll(groups.get(g).children);
            }
        }
        return hostVars.keySet().stream().filter(all::contains).toList();
    }

    /**
     * The vars of {@code host} as Ansible merges them (VARIABLE_PRECEDENCE's default): {@code all}'s inventory vars,
     * the other groups' inventory vars (by depth, priority, name), {@code group_vars/all}, the other groups'
     * {@code group_vars/} files, the host's inventory vars, {@code host_vars/}. Each later one replaces a key.
     */
    public Map<String, AnsibleValue> hostVars(String host) {
        Map<String, AnsibleValue> vars = new LinkedHashMap<>(groups.get(ALL).vars);
        List<String> hostGroups = groupsOf(host);
        for (String g : hostGroups) {
            vars.putAll(groups.get(g).vars);
        }
        vars.putAll(groupVarsFiles.getOrDefault(ALL, Map.of()));
        for (String g : hostGroups) {
            vars.putAll(groupVarsFiles.getOrDefault(g, Map.of()));
        }
        vars.putAll(hostVars.getOrDefault(host, Map.of()));
        vars.putAll(hostVarsFiles.getOrDefault(host, Map.of()));
        return vars;
    }

    /**
     * Every value set for variable {@code name}, wherever: group vars of the inventory (groups in declaration
     * order), {@code group_vars/} files, host vars of the inventory, {@code host_vars/} files.
     */
    public List<AnsibleValue> everywhere(String name) {
        List<AnsibleValue> found = new ArrayList<>();
        groups.values().forEach(g -> Optional.ofNullable(g.vars.get(name)).ifPresent(found::add));
        groups.keySet().forEach(g -> Optional.ofNullable(groupVarsFiles.getOrDefault(g, Map.of()).get(name))
                .ifPresent(found::add));
        hostVars.values().forEach(v -> Optional.ofNullable(v.get(name)).ifPresent(found::add));
        hostVarsFiles.values().forEach(v -> Optional.ofNullable(v.get(name)).ifPresent(found::add));
        return found;
    }

    /** The values group {@code all} has for {@code name}: the inventory's {@code all} vars, then {@code group_vars/all}. */
    public List<AnsibleValue> allVars(String name) {
        List<AnsibleValue> found = new ArrayList<>();
        Optional.ofNullable(groups.get(ALL).vars.get(name)).ifPresent(found::add);
        Optional.ofNullable(groupVarsFiles.getOrDefault(ALL, Map.of()).get(name)).ifPresent(found::add);
        return found;
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }
}
