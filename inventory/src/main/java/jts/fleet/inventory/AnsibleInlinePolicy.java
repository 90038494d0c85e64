package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.ansible.AnsibleInventory;
import jts.fleet.inventory.ansible.AnsibleValue;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.YamlNode;

/**
 * jts-fleet's policy written inline in an Ansible inventory: the variable {@code jts_fleet} of group {@code all}
 * ({@code all: vars:} of a YAML inventory, or {@code group_vars/all.yml}), holding what a {@code --policy} file
 * holds ({@code defaults}, {@code policy}, {@code groups}, {@code hosts}). It is read from that one place, never
 * through Ansible's variable merging: a group's value would replace the whole mapping, where jts-fleet merges tiers
 * key by key; per-group and per-host overrides go under its own {@code groups:} and {@code hosts:} keys. Ansible
 * itself sees an ordinary variable and ignores it.
 */
final class AnsibleInlinePolicy {
    static final String VARIABLE = "jts_fleet";

    private AnsibleInlinePolicy() {
    }

    /** The inline policy document, if the inventory has one; misplaced or malformed values are errors. */
    static Optional<YamlNode> find(AnsibleInventory ansible) throws InventoryException {
        List<AnsibleValue> inAll = ansible.allVars(VARIABLE);
        List<String> problems = new ArrayList<>();
        for (AnsibleValue v : ansible.everywhere(VARIABLE)) {
            if (inAll.stream().noneMatch(a -> a == v)) {
                problems.add(v.where() + ": " + VARIABLE + ": jts-fleet's inline policy is read from group all only "
                        + "(all: vars: in a YAML inventory, or group_vars/all.yml); overrides for a group or a host go "
                        + "under its groups: and hosts: keys");
            }
        }
        if (inAll.size() > 1) {
            problems.add(inAll.get(1).where() + ": " + VARIABLE + ": also set at " + inAll.get(0).where()
                    + ": write jts-fleet's inline policy in one place");
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        if (inAll.isEmpty()) {
            return Optional.empty();
        }
        AnsibleValue v = inAll.get(0);
        if (v.tree().isPresent() && v.tree().get() instanceof YamlNode.MapNode map) {
            return Optional.of(map);
        }
        throw new InventoryException(v.where() + ": " + VARIABLE + ": a mapping with the keys of a --policy file "
                + "(defaults, policy, groups, hosts), got " + v.tree().map(YamlNode::typeName).orElse("\""
                + v.text() + "\"") + (v.tree().isEmpty() ? " (write it in YAML: group_vars/all.yml or all: vars: "
                + "of a YAML inventory)" : ""));
    }
}
