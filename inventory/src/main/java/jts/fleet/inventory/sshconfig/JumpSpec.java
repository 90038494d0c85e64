package jts.fleet.inventory.sshconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One hop of a {@code ProxyJump} list as written: {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]},
 * IPv6 addresses in brackets. {@code user} and {@code port} are empty when the hop does not give them (then the
 * hop's own ssh_config or inventory entry decides, as {@code ssh -J} does).
 *
 * @param text the hop as written
 * @param user login user given in the hop
 * @param host host name, alias or address (without brackets)
 * @param port port given in the hop
 */
public record JumpSpec(String text, Optional<String> user, String host, OptionalInt port) {
    private static final Pattern VALID_HOST = Pattern.compile("[A-Za-z0-9._:%-]+");

    /** The value that turns jumping off (OpenSSH's {@code ProxyJump none}). */
    public static final String NONE = "none";

    /**
     * The hops of a {@code ProxyJump} value in connection order; empty for {@code none}. A {@code #} ends the value
     * (OpenSSH strips comments from it).
     *
     * @throws IllegalArgumentException naming the hop that cannot be parsed
     */
    public static List<JumpSpec> parseList(String value) {
        String text = strip(value);
        if (text.equalsIgnoreCase(NONE)) {
            return List.of();
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty jump host list");
        }
        List<JumpSpec> hops = new ArrayList<>();
        for (String hop : text.split(",", -1)) {
            hops.add(parse(hop));
        }
        return hops;
    }

    /** The value without a comment and trailing blanks, as OpenSSH keeps it. */
    public static String strip(String value) {
        int hash = value.indexOf('#');
        return (hash < 0 ? value : value.substring(0, hash)).strip();
    }

    /** What is wrong with a {@code ProxyJump} value, if anything. */
    static Optional<String> checkList(String value) {
        try {
            parseList(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid ProxyJump \"" + strip(value) + "\": " + e.getMessage());
        }
    }

    /** One hop. */
    public static JumpSpec parse(String hop) {
        String rest = hop;
        boolean uri = rest.startsWith("ssh://");
        if (uri) {
            rest = rest.substring("ssh://".length());
        }
        Optional<String> user = Optional.empty();
        int at = uri ? rest.indexOf('@') : rest.lastIndexOf('@');
        if (at >= 0) {
            String u = rest.substring(0, at);
            if (uri && u.indexOf(';') >= 0) {
                u = u.substring(0, u.indexOf(';')); // connection parameters: ignored, as OpenSSH does
            }
            if (u.isEmpty()) {
                throw new IllegalArgumentException("hop '" + hop + "' has an empty user name");
            }
            user = Optional.of(u);
            rest = rest.substring(at + 1);
        }
        String host;
        String portText = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("hop '" + hop + "' has an unclosed '['");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("hop '" + hop + "': unexpected text after ']'");
            }
            portText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = rest.indexOf(':');
            int slash = uri ? rest.indexOf('/') : -1;
            if (slash >= 0 && (colon < 0 || slash < colon)) {
                throw new IllegalArgumentException("hop '" + hop + "': a path is not allowed");
            }
            host = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? "" : rest.substring(colon + 1);
        }
        if (uri && portText.endsWith("/")) {
            portText = portText.substring(0, portText.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("hop '" + hop + "' has no host");
        }
        if (!VALID_HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("hop '" + hop + "': '" + host + "' is not a valid host name");
        }
        OptionalInt port = OptionalInt.empty();
        if (!portText.isEmpty()) {
            Optional<Integer> p = SshKeywords.port(portText);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("hop '" + hop + "' has a bad port '" + portText + "' (1..65535)");
            }
            port = OptionalInt.of(p.get());
        }
        return new JumpSpec(hop, user, host, port);
    }

    /** {@code [user@]host[:port]} as {@code ssh -G} prints a hop (addresses in brackets). */
    public String canonical() {
        boolean numeric = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return user.map(u -> u + "@").orElse("") + (numeric ? "[" + host + "]" : host)
                + (port.isPresent() ? ":" + port.getAsInt() : "");
    }
}
