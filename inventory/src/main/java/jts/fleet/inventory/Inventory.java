package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated inventory. {@code hosts} keeps the file's order and holds fully resolved hosts
 * (connection settings and effective policy); {@code groups} maps every group (named by a host or under
 * {@code groups:}) to its members in host order. {@code policy} is the base policy before group and host
 * overrides, as used for fleet-wide artifacts such as alert rules.
 */
public record Inventory(String source, Defaults defaults, Policy policy, Map<String, HostSpec> hosts,
                        Map<String, List<String>> groups) {
    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groups.forEach((name, members) -> copy.put(name, List.copyOf(members)));
        groups = Collections.unmodifiableMap(copy);
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
