package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.HostRequest.Given;
import jts.fleet.inventory.ansible.AnsibleInventory;
import jts.fleet.inventory.ansible.AnsibleValue;
import jts.fleet.inventory.ansible.SshArgs;
import jts.fleet.inventory.sshconfig.SshTime;
import jts.fleet.inventory.source.YamlNode;

/**
 * What an Ansible inventory says about reaching one host, as jts-fleet connection keys: {@code ansible_host} is the
 * name given to ssh (ssh_config is read for it, as Ansible's {@code ssh ANSIBLE_HOST} does), {@code ansible_port},
 * {@code ansible_user}, {@code ansible_ssh_private_key_file}, {@code ansible_connection}, {@code ansible_become}
 * (with {@code sudo} to root only), and the ssh options of {@code ansible_ssh_common_args} and
 * {@code ansible_ssh_extra_args} (below the {@code ansible_*} variables, as Ansible passes those first). Values are
 * checked with the inventory's own rules and errors name the file and line that set the variable; Jinja2
 * templates and vaulted values are refused where jts-fleet needs the value.
 */
final class AnsibleAccess {
    /** Later names of a list win, as in Ansible's ssh plugin (ansible_ssh_port over ansible_port). */
    private static final Map<String, List<String>> VARIABLES = Map.of(
            AccessResolver.PORT, List.of("ansible_port", "ansible_ssh_port"),
            AccessResolver.USER, List.of("ansible_user", "ansible_ssh_user"),
            AccessResolver.IDENTITY_FILE, List.of("ansible_private_key_file", "ansible_ssh_private_key_file"));
    private static final List<String> HOST_VARIABLES = List.of("ansible_host", "ansible_ssh_host");
    private static final List<String> ARGS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args");

    private AnsibleAccess() {
    }

    static HostRequest request(AnsibleInventory inv, String host, Map<String, Given> defaults,
                               List<String> problems) {
        Map<String, AnsibleValue> vars = inv.hostVars(host);
        Map<String, Given> given = new LinkedHashMap<>(defaults);
        List<String> notes = new ArrayList<>(inv.notes());

        // ssh options first: the ansible_* variables below win over them
        Map<String, Given> fromArgs = new LinkedHashMap<>();
        for (String name : ARGS) {
            Optional<AnsibleValue> v = usable(vars, name, problems);
            if (v.isEmpty()) {
                continue;
            }
            SshArgs.Parsed parsed;
            try {
                parsed = SshArgs.parse(v.get().text());
            } catch (IllegalArgumentException e) {
                problems.add(v.get().where() + ": " + name + ": " + e.getMessage());
                continue;
            }
            for (Map.Entry<String, List<String>> e : parsed.keys().entrySet()) {
                List<String> values = new ArrayList<>();
                for (String text : e.getValue()) {
                    normalised(e.getKey(), text, v.get(), name, notes, problems).ifPresent(values::add);
                }
                if (!values.isEmpty()) {
                    fromArgs.putIfAbsent(e.getKey(), new Given(values, Origin.ansible(v.get().file(), v.get().line(),
                            name + " " + e.getKey())));
                }
            }
            parsed.ignored().forEach(o -> notes.add(v.get().where() + ": " + name + ": " + o
                    + " not used by jts-fleet"));
        }
        given.putAll(fromArgs);

        for (Map.Entry<String, List<String>> key : VARIABLES.entrySet()) {
            for (String name : key.getValue()) {
                usable(vars, name, problems).ifPresent(v -> checked(key.getKey(), v, name, problems)
                        .ifPresent(g -> given.put(key.getKey(), g)));
            }
        }
        usable(vars, "ansible_connection", problems).ifPresent(v -> {
            switch (v.text().strip()) {
                case "local" -> given.put(AccessResolver.CONNECTION, ansible(v, "local", "ansible_connection"));
                case "ssh", "smart", "paramiko", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh" ->
                        given.put(AccessResolver.CONNECTION, ansible(v, "ssh", "ansible_connection"));
                default -> problems.add(v.where() + ": ansible_connection: " + v.text() + " is not supported by "
                        + "jts-fleet (ssh or local)");
            }
        });
        usable(vars, "ansible_become", problems).ifPresent(v -> {
            Optional<Boolean> become = v.bool();
            if (become.isEmpty()) {
                problems.add(v.where() + ": ansible_become: \"" + v.text() + "\" is not a boolean");
                return;
            }
            given.put(AccessResolver.BECOME, ansible(v, become.get() ? "sudo" : "none", "ansible_become"));
            if (become.get()) {
                usable(vars, "ansible_become_method", problems).filter(m -> !m.text().strip().equals("sudo"))
                        .ifPresent(m -> problems.add(m.where() + ": ansible_become_method: " + m.text()
                                + ": jts-fleet becomes root with sudo -n only"));
                usable(vars, "ansible_become_user", problems).filter(u -> !u.text().strip().equals("root"))
                        .ifPresent(u -> problems.add(u.where() + ": ansible_become_user: " + u.text()
                                + ": jts-fleet becomes root only"));
            }
        });
        for (String secret : List.of("ansible_password", "ansible_ssh_pass", "ansible_become_password",
                "ansible_become_pass")) {
            Optional.ofNullable(vars.get(secret)).ifPresent(v -> notes.add(v.where() + ": " + secret
                    + " not used: jts-fleet authenticates with keys and runs sudo -n"));
        }

        String lookup = host;
        Origin lookupOrigin = Origin.byDefault("the host's name");
        for (String name : HOST_VARIABLES) {
            Optional<AnsibleValue> v = usable(vars, name, problems);
            if (v.isPresent()) {
                Optional<String> problem = InventorySchema.connectionRuleForAddress().check(scalar(v.get()));
                if (problem.isPresent()) {
                    problems.add(v.get().where() + ": " + name + ": " + problem.get());
                } else {
                    lookup = v.get().text().strip();
                    lookupOrigin = Origin.ansible(v.get().file(), v.get().line(), name);
                }
            }
        }
        return new HostRequest(host, lookup, false, lookupOrigin, given, notes);
    }

    /** The variable when jts-fleet can use its value: not a template, not vaulted. */
    private static Optional<AnsibleValue> usable(Map<String, AnsibleValue> vars, String name, List<String> problems) {
        AnsibleValue v = vars.get(name);
        if (v == null || v.kind() == AnsibleValue.Kind.NULL) {
            return Optional.empty();
        }
        if (v.vaulted()) {
            problems.add(v.where() + ": " + name + " is encrypted with Ansible Vault; jts-fleet never decrypts "
                    + "(set it in plain text, it is not a secret)");
            return Optional.empty();
        }
        if (v.templated()) {
            problems.add(v.where() + ": " + name + ": \"" + v.text() + "\" is a Jinja2 template, which jts-fleet "
                    + "does not evaluate: write the value");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private static Given ansible(AnsibleValue v, String value, String name) {
        return Given.of(value, Origin.ansible(v.file(), v.line(), name));
    }

    /** A variable's value checked with the rule of the jts-fleet key it maps to. */
    private static Optional<Given> checked(String key, AnsibleValue v, String name, List<String> problems) {
        YamlNode.Scalar s = scalar(v);
        if (key.equals(AccessResolver.PORT) && v.text().strip().matches("[0-9]+")) {
            s = new YamlNode.Scalar(v.file(), v.line(), YamlNode.Kind.INT, v.text().strip());
        }
        Optional<String> problem = InventorySchema.connectionRule(key).check(s);
        if (problem.isPresent()) {
            problems.add(v.where() + ": " + name + ": " + problem.get());
            return Optional.empty();
        }
        return Optional.of(Given.of(s.text(), Origin.ansible(v.file(), v.line(), name)));
    }

    private static YamlNode.Scalar scalar(AnsibleValue v) {
        YamlNode.Kind kind = switch (v.kind()) {
            case INT -> YamlNode.Kind.INT;
            case FLOAT -> YamlNode.Kind.FLOAT;
            case BOOL -> YamlNode.Kind.BOOL;
            case NULL -> YamlNode.Kind.NULL;
            default -> YamlNode.Kind.STRING;
        };
        return new YamlNode.Scalar(v.file(), v.line(), kind, v.text());
    }

    /** An ssh option's value as the jts-fleet key takes it (OpenSSH words and seconds turned into ours). */
    private static Optional<String> normalised(String key, String text, AnsibleValue v, String name,
                                               List<String> notes, List<String> problems) {
        String value = text;
        switch (key) {
            case AccessResolver.IDENTITIES_ONLY -> {
                if (!List.of("yes", "no", "true", "false").contains(text)) {
                    problems.add(v.where() + ": " + name + ": IdentitiesOnly " + text + " is not yes or no");
                    return Optional.empty();
                }
                value = Boolean.toString(text.equals("yes") || text.equals("true"));
            }
            case AccessResolver.STRICT_HOST_KEY_CHECKING -> {
                switch (text) {
                    case "yes", "true", "ask" -> value = "yes";
                    case "accept-new" -> value = "accept-new";
                    case "no", "off", "false" -> {
                        value = "accept-new";
                        notes.add(v.where() + ": " + name + ": StrictHostKeyChecking " + text + ": jts-fleet records "
                                + "unknown keys (accept-new) but never accepts a changed key");
                    }
                    default -> {
                        problems.add(v.where() + ": " + name + ": StrictHostKeyChecking " + text + " is not yes, "
                                + "accept-new, no or ask");
                        return Optional.empty();
                    }
                }
            }
            case AccessResolver.CONNECT_TIMEOUT, AccessResolver.KEEPALIVE_INTERVAL -> {
                Optional<Long> seconds = SshTime.seconds(text);
                if (seconds.isEmpty()) {
                    problems.add(v.where() + ": " + name + ": '" + text + "' is not an ssh time value");
                    return Optional.empty();
                }
                if (seconds.get() == 0) {
                    notes.add(v.where() + ": " + name + ": " + text + ": jts-fleet keeps its own value");
                    return Optional.empty();
                }
                value = seconds.get() + "s";
            }
            default -> {
            }
        }
        YamlNode.Scalar s = new YamlNode.Scalar(v.file(), v.line(),
                key.equals(AccessResolver.PORT) && value.matches("[0-9]+") ? YamlNode.Kind.INT
                        : key.equals(AccessResolver.IDENTITIES_ONLY) ? YamlNode.Kind.BOOL : YamlNode.Kind.STRING,
                value);
        Optional<String> problem = InventorySchema.connectionRule(key).check(s);
        if (problem.isPresent()) {
            problems.add(v.where() + ": " + name + ": " + key.toLowerCase(Locale.ROOT) + ": " + problem.get());
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
