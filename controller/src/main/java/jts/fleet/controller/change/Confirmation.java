package jts.fleet.controller.change;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;

/**
 * When a command that changes hosts asks first: its selection is the whole inventory (of more than one host: a
 * forgotten {@code --hosts}), or more than the inventory's {@code defaults.confirm_above} hosts (default 10). The question names the
 * count and the groups the selection spans: {@code apply to 140 hosts (prod, hot)? [y/N] }. A dry run never asks.
 */
public final class Confirmation {
    private static final int GROUPS_SHOWN = 3;

    private Confirmation() {
    }

    /** The question to ask before {@code command} changes {@code selected}, or empty when it needs none. */
    public static Optional<String> question(String command, Inventory inventory, List<HostSpec> selected,
                                            int confirmAbove) {
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        boolean wholeInventory = inventory.hosts().size() > 1 && selected.size() == inventory.hosts().size();
        if (!wholeInventory && selected.size() <= confirmAbove) {
            return Optional.empty();
        }
        return Optional.of(command + " to " + selected.size() + " host" + (selected.size() == 1 ? "" : "s")
                + " (" + spans(selected) + ")? [y/N] ");
    }

    /** The groups the hosts belong to, most hosts first ("prod, hot, …"); the first hosts when none has a group. */
    static String spans(List<HostSpec> hosts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HostSpec h : hosts) {
            for (String g : h.groups()) {
                counts.merge(g, 1, Integer::sum);
            }
        }
        List<String> names = counts.isEmpty() ? hosts.stream().map(HostSpec::name).toList()
                : counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList();
        String shown = names.stream().limit(GROUPS_SHOWN).collect(Collectors.joining(", "));
        return names.size() > GROUPS_SHOWN ? shown + ", …" : shown;
    }

    /** True for the answers that mean yes: {@code y} or {@code yes}, any case, blanks around ignored. */
    public static boolean isYes(String answer) {
        String a = answer == null ? "" : answer.strip();
        return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }
}
