package jts.fleet.inventory.ansible;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.source.YamlNode;

/**
 * One variable value as Ansible holds it, with where it was set. INI values are typed the way the INI plugin types
 * them (Python literals: {@code 22} is an integer, {@code 'x'} a string, anything else text); YAML values by YAML.
 *
 * @param text the value as text ({@code true}/{@code false} for booleans, decimal for numbers)
 * @param kind its type
 * @param file the file that set it
 * @param line the line in that file
 * @param tree the YAML value itself, for a mapping or list read from YAML (jts-fleet's inline policy is one)
 */
public record AnsibleValue(String text, Kind kind, String file, int line, Optional<YamlNode> tree) {
    public enum Kind { STRING, INT, FLOAT, BOOL, NULL, COMPLEX }

    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t", "1.0");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f", "0.0");

    /** A value without a YAML tree (scalars, INI values). */
    public AnsibleValue(String text, Kind kind, String file, int line) {
        this(text, kind, file, line, Optional.empty());
    }

    /** {@code file:line}. */
    public String where() {
        return file + ":" + line;
    }

    /** Ansible's {@code boolean()}: yes/no, on/off, true/false, y/n, t/f, 1/0, case-insensitive. */
    public Optional<Boolean> bool() {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(t)) {
            return Optional.of(true);
        }
        if (FALSE.contains(t)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A Jinja2 expression ({@code {{ ... }}}), which jts-fleet does not evaluate. */
    public boolean templated() {
        return text.contains("{{") || text.contains("{%");
    }

    /** An Ansible Vault value ({@code !vault |} or a {@code $ANSIBLE_VAULT} blob), which jts-fleet never decrypts. */
    public boolean vaulted() {
        return text.stripLeading().startsWith("$ANSIBLE_VAULT");
    }
}
