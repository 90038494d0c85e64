package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jts.fleet.inventory.source.InventoryException;

/**
 * An Ansible-style host pattern: terms separated by {@code ,} or {@code :}; a term is {@code all} (or
 * {@code *}), a host, a group or a glob over host and group names ({@code db-*}, {@code db-0?},
 * {@code db-0[12]}); {@code &term} intersects and {@code !term} excludes. Like Ansible, plain terms are
 * united first, then intersections, then exclusions, whatever the written order; a pattern of only
 * {@code &}/{@code !} terms starts from all hosts. A plain name that is neither a host nor a group is an
 * error (a typo must not silently select fewer hosts).
 */
public record HostPattern(String text, List<Term> terms) {

    public enum Op { UNION, INTERSECT, EXCLUDE }

    /** One term; {@code name} is written without its operator character. */
    public record Term(Op op, String name) {
        boolean isGlob() {
            return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
        }
    }

    private static final Pattern TERM = Pattern.compile("[A-Za-z0-9._*?\\[\\]-]+");

    public HostPattern {
        terms = List.copyOf(terms);
    }

    public static HostPattern parse(String text) throws InventoryException {
        if (text == null || text.isBlank()) {
            throw new InventoryException("empty host pattern: give a host, a group, a glob or 'all'");
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : text.split("[,:]", -1)) {
            String t = raw.strip();
            if (t.isEmpty()) {
                throw new InventoryException("pattern '" + text + "': empty term (doubled or trailing ',' or ':')");
            }
            Op op = Op.UNION;
            if (t.startsWith("&")) {
                op = Op.INTERSECT;
                t = t.substring(1).strip();
            } else if (t.startsWith("!")) {
                op = Op.EXCLUDE;
                t = t.substring(1).strip();
            }
            if (t.startsWith("~")) {
                throw new InventoryException("pattern '" + text + "': regular expressions (~" + t.substring(1)
                        + ") are not supported; use globs such as db-*");
            }
            if (!TERM.matcher(t).matches()) {
                throw new InventoryException("pattern '" + text + "': invalid term '" + raw.strip()
                        + "' (names, globs with * ? [..], optionally prefixed by & or !)");
            }
            terms.add(new Term(op, t));
        }
        return new HostPattern(text, terms);
    }

    /** The names of the selected hosts, possibly none. */
    public Set<String> resolve(Inventory inventory) throws InventoryException {
        Set<String> selected = new LinkedHashSet<>();
        boolean anyUnion = false;
        for (Term t : terms) {
            if (t.op() == Op.UNION) {
                selected.addAll(match(t, inventory));
                anyUnion = true;
            }
        }
        if (!anyUnion) {
            selected.addAll(inventory.hosts().keySet());
        }
        for (Term t : terms) {
            if (t.op() == Op.INTERSECT) {
                selected.retainAll(match(t, inventory));
            }
        }
        for (Term t : terms) {
            if (t.op() == Op.EXCLUDE) {
                selected.removeAll(match(t, inventory));
            }
        }
        return selected;
    }

    /** The selected hosts in inventory order; selecting nothing is an error. */
    public List<HostSpec> select(Inventory inventory) throws InventoryException {
        List<HostSpec> hosts = inventory.inOrder(resolve(inventory));
        if (hosts.isEmpty()) {
            throw new InventoryException("pattern '" + text + "' selects no host");
        }
        return hosts;
    }

    /** {@code pattern} narrowed by an optional {@code --limit} pattern; an empty result is an error. */
    public static List<HostSpec> select(Inventory inventory, String pattern, Optional<String> limit)
            throws InventoryException {
        Set<String> names = parse(pattern).resolve(inventory);
        if (limit.isPresent()) {
            names = new HashSet<>(names);
            names.retainAll(parse(limit.get()).resolve(inventory));
        }
        List<HostSpec> hosts = inventory.inOrder(names);
        if (hosts.isEmpty()) {
            throw new InventoryException("pattern '" + pattern + "'"
                    + limit.map(l -> " limited to '" + l + "'").orElse("") + " selects no host");
        }
        return hosts;
    }

    private Set<String> match(Term t, Inventory inventory) throws InventoryException {
        String name = t.name();
        if (name.equals("all") || name.equals("*")) {
            return inventory.hosts().keySet();
        }
        if (inventory.hosts().containsKey(name)) {
            return Set.of(name);
        }
        if (inventory.groups().containsKey(name)) {
            return new HashSet<>(inventory.groups().get(name));
        }
        if (!t.isGlob()) {
            throw new InventoryException("pattern '" + text + "': '" + name + "' is neither a host nor a group of "
                    + inventory.source());
        }
        Optional<String> problem = Glob.problem(name);
        if (problem.isPresent()) {
            throw new InventoryException("pattern '" + text + "': " + problem.get() + " in '" + name + "'");
        }
        Set<String> out = new HashSet<>();
        for (String host : inventory.hosts().keySet()) {
            if (Glob.matches(name, host)) {
                out.add(host);
            }
        }
        inventory.groups().forEach((group, members) -> {
            if (Glob.matches(name, group)) {
                out.addAll(members);
            }
        });
        return out;
    }
}
