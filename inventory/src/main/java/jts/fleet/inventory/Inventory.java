package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.source.InventoryException;

/**
 * A loaded, validated inventory. {@code hosts} keeps the file's order and holds fully resolved hosts
 * (connection settings and effective policy); {@code groups} maps every group (named by a host or under
 * {@code groups:}) to its members in host order. {@code policy} is the base policy before group and host
 * overrides, as used for fleet-wide artifacts such as alert rules. {@code explanations} say where each host's
 * connection values came from ({@code inventory list --explain}); {@code inputs} are the files besides the inventory
 * itself that the result depends on (ssh_config files and includes, Ansible vars files and directories), so a cache
 * can notice their changes.
 */
public record Inventory(String source, Defaults defaults, Policy policy, Map<String, HostSpec> hosts,
                        Map<String, List<String>> groups, Map<String, AccessExplanation> explanations,
                        Set<Path> inputs) {
    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            copy.put(group.getKey(), List.copyOf(group.getValue()));
        }
        groups = Collections.unmodifiableMap(copy);
        explanations = Collections.unmodifiableMap(new LinkedHashMap<>(explanations));
        inputs = Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
    }

    /** An inventory without explanations or further inputs (built by hand). */
    public Inventory(String source, Defaults defaults, Policy policy, Map<String, HostSpec> hosts,
                     Map<String, List<String>> groups) {
        this(source, defaults, policy, hosts, groups, Map.of(), Set.of());
    }

    /** Where the connection values of {@code host} came from. */
    public Optional<AccessExplanation> explain(String host) {
        return Optional.ofNullable(explanations.get(host));
    }

    public List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    /** Group names in the order they first appear in the file. */
    public List<String> allGroups() {
        return List.copyOf(groups.keySet());
    }

    public Optional<HostSpec> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /**
     * The hosts an Ansible-style pattern selects, in inventory order.
     *
     * @throws InventoryException when the pattern is malformed, names an unknown host or group, or selects nothing
     */
    public List<HostSpec> select(String pattern) throws InventoryException {
        return HostPattern.parse(pattern).select(this);
    }

    /** {@link #select(String)} narrowed by a {@code --limit} pattern (intersection). */
    public List<HostSpec> select(String pattern, Optional<String> limit) throws InventoryException {
        return HostPattern.select(this, pattern, limit);
    }

    List<HostSpec> inOrder(java.util.Set<String> names) {
        List<HostSpec> out = new ArrayList<>();
        for (HostSpec h : hosts.values()) {
            if (names.contains(h.name())) {
                out.add(h);
            }
        }
        return out;
    }
}
