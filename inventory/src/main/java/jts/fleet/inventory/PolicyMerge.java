package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.source.YamlNode;

/**
 * Applies a group's or host's {@code policy:} override to a policy, on the YAML tree so that every value keeps
 * the file and line it came from. Rules: a tier in the override replaces the tier of the same name key by key
 * ({@code queue} and {@code thresholds} merge per key, {@code match} is replaced whole) and a new name is
 * appended; other mappings ({@code maintenance}, {@code bench.profiles.<name>}) merge per key; lists and
 * scalars are replaced. A key with an empty value changes nothing ({@code []} empties a list).
 */
final class PolicyMerge {
    private PolicyMerge() {
    }

    static YamlNode.MapNode apply(YamlNode.MapNode base, YamlNode.MapNode override) {
        return merge(base, override, Level.POLICY);
    }

    private enum Level { POLICY, TIER, OTHER }

    private static YamlNode.MapNode merge(YamlNode.MapNode base, YamlNode.MapNode override, Level level) {
        List<YamlNode.Entry> out = new ArrayList<>(base.entries());
        for (YamlNode.Entry over : override.entries()) {
            int index = indexOf(out, over.key());
            if (index < 0) {
                out.add(over);
                continue;
            }
            YamlNode current = out.get(index).value();
            YamlNode value = over.value();
            YamlNode merged;
            if (level == Level.POLICY && over.key().equals("tiers")
                    && current instanceof YamlNode.ListNode baseTiers && value instanceof YamlNode.ListNode overTiers) {
                merged = mergeTiers(baseTiers, overTiers);
            } else if (level == Level.TIER && over.key().equals("match")) {
                merged = value;
            } else if (value instanceof YamlNode.Scalar s && s.isNull()) {
                merged = current; // an empty "queue:" or "tiers:" in an override changes nothing; [] empties a list
            } else if (current instanceof YamlNode.MapNode a && value instanceof YamlNode.MapNode b) {
                merged = merge(a, b, Level.OTHER);
            } else {
                merged = value;
            }
            out.set(index, new YamlNode.Entry(over.key(), over.keyLine(), merged));
        }
        return new YamlNode.MapNode(base.source(), base.line(), out);
    }

    private static YamlNode.ListNode mergeTiers(YamlNode.ListNode base, YamlNode.ListNode override) {
        List<YamlNode> tiers = new ArrayList<>(base.items());
        for (YamlNode item : override.items()) {
            Optional<String> name = tierName(item);
            int index = -1;
            for (int i = 0; i < tiers.size() && name.isPresent(); i++) {
                if (tierName(tiers.get(i)).equals(name)) {
                    index = i;
                }
            }
            if (index >= 0 && tiers.get(index) instanceof YamlNode.MapNode a && item instanceof YamlNode.MapNode b) {
                tiers.set(index, merge(a, b, Level.TIER));
            } else {
                tiers.add(item);
            }
        }
        return new YamlNode.ListNode(base.source(), base.line(), tiers);
    }

    static Optional<String> tierName(YamlNode tier) {
        if (tier instanceof YamlNode.MapNode m && m.get("name").orElse(null) instanceof YamlNode.Scalar s) {
            return Optional.of(s.text());
        }
        return Optional.empty();
    }

    private static int indexOf(List<YamlNode.Entry> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
