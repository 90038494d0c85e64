package jts.fleet.inventory.ansible;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ssh options in {@code ansible_ssh_common_args} and {@code ansible_ssh_extra_args} that decide how a host is
 * reached, as jts-fleet inventory keys: {@code -J} and {@code -o ProxyJump=} (proxy_jump), {@code -F} (ssh_config),
 * {@code -i}, {@code -p}, {@code -l} and the {@code -o} forms of IdentityFile, CertificateFile, Port, User,
 * IdentitiesOnly, IdentityAgent, StrictHostKeyChecking, UserKnownHostsFile, ConnectTimeout, ServerAliveInterval.
 * The first value of a key wins, as in ssh. {@code ProxyCommand} is refused (jts-fleet runs no local commands);
 * other options are listed in {@link Parsed#ignored()}.
 */
public final class SshArgs {
    /** The inventory keys found (list keys may have several values) and the options not used. */
    public record Parsed(Map<String, List<String>> keys, List<String> ignored) {
    }

    private static final String FLAGS = "46AaCfGgKkMNnqsTtVvXxYy";
    private static final String WITH_ARGUMENT = "BbcDEeILmOQRSWw";

    private SshArgs() {
    }

    public static Parsed parse(String value) {
        List<String> words = ShellWords.split(value, false);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.length() < 2 || w.charAt(0) != '-') {
                throw new IllegalArgumentException("'" + w + "' is not an ssh option (a host or command has no place "
                        + "in ssh args)");
            }
            char option = w.charAt(1);
            if (FLAGS.indexOf(option) >= 0 && w.length() == 2) {
                continue;
            }
            if ("JoipFl".indexOf(option) < 0 && WITH_ARGUMENT.indexOf(option) < 0) {
                throw new IllegalArgumentException("unknown ssh option " + w);
            }
            String argument;
            if (w.length() > 2) {
                argument = w.substring(2);
            } else if (i + 1 < words.size()) {
                argument = words.get(++i);
            } else {
                throw new IllegalArgumentException("ssh option " + w + " needs an argument");
            }
            switch (option) {
                case 'J' -> put(keys, "proxy_jump", argument);
                case 'i' -> add(keys, "identity_file", argument);
                case 'p' -> put(keys, "port", argument);
                case 'l' -> put(keys, "user", argument);
                case 'F' -> put(keys, "ssh_config", argument);
                case 'o' -> option(argument, keys, ignored);
                default -> ignored.add("-" + option + " " + argument);
            }
        }
        return new Parsed(keys, ignored);
    }

    /** {@code -o Keyword=value} or {@code -o "Keyword value"}. */
    private static void option(String text, Map<String, List<String>> keys, List<String> ignored) {
        String t = text.strip();
        int split = 0;
        while (split < t.length() && t.charAt(split) != '=' && !Character.isWhitespace(t.charAt(split))) {
            split++;
        }
        String keyword = t.substring(0, split).toLowerCase(Locale.ROOT);
        String v = t.substring(split).replaceFirst("^\\s*=?\\s*", "").strip();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("-o " + text + ": no value");
        }
        switch (keyword) {
            case "proxyjump" -> put(keys, "proxy_jump", v);
            case "proxycommand" -> {
                if (!v.equalsIgnoreCase("none")) {
                    throw new IllegalArgumentException("-o ProxyCommand: jts-fleet runs no local commands; use -J "
                            + "BASTION (for ssh -W %h:%p BASTION) or -o ProxyJump=BASTION");
                }
            }
            case "identityfile" -> add(keys, "identity_file", v);
            case "certificatefile" -> add(keys, "certificate_file", v);
            case "port" -> put(keys, "port", v);
            case "user" -> put(keys, "user", v);
            case "identitiesonly" -> put(keys, "identities_only", v.toLowerCase(Locale.ROOT));
            case "identityagent" -> put(keys, "identity_agent", v);
            case "stricthostkeychecking" -> put(keys, "strict_host_key_checking", v.toLowerCase(Locale.ROOT));
            case "userknownhostsfile" -> put(keys, "known_hosts", v.split("\\s+")[0]);
            case "connecttimeout" -> put(keys, "connect_timeout", v);
            case "serveraliveinterval" -> put(keys, "keepalive_interval", v);
            default -> ignored.add("-o " + t);
        }
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        keys.putIfAbsent(key, List.of(value));
    }

    private static void add(Map<String, List<String>> keys, String key, String value) {
        List<String> values = new ArrayList<>(keys.getOrDefault(key, List.of()));
        values.add(value);
        keys.put(key, List.copyOf(values));
    }
}
