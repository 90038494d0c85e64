package jts.fleet.inventory.ansible;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host entry of an inventory ({@code parse_address} with ranges): {@code name}, {@code name:port},
 * {@code [addr]:port} (the only way to give an IPv6 address a port), with {@code [x:y]} ranges expanded.
 */
final class HostPatterns {
    /** The hosts an entry stands for and the port it gives them. */
    record Parsed(List<String> hosts, Optional<Integer> port) {
    }

    private static final Pattern BRACKETED = Pattern.compile("^\\[(.+)\\]:(\\d+)$");

    private HostPatterns() {
    }

    static Parsed parse(String entry) {
        if (entry.strip().equals("---")) {
            throw new IllegalArgumentException("invalid host pattern '---' (a sign this is a YAML file)");
        }
        String host = entry;
        Optional<Integer> port = Optional.empty();
        Matcher bracketed = BRACKETED.matcher(entry);
        if (bracketed.matches() && !bracketed.group(1).contains("]")) {
            host = bracketed.group(1);
            port = Optional.of(port(bracketed.group(2), entry));
        } else {
            java.util.List<Integer> colons = colonsOutsideRanges(entry);
            if (colons.size() == 1) {
                int colon = colons.get(0);
                String after = entry.substring(colon + 1);
                if (after.isEmpty()) {
                    throw new IllegalArgumentException("invalid host pattern '" + entry + "': ending in ':' is not "
                            + "allowed, this character is reserved to provide a port");
                }
                if (after.chars().allMatch(Character::isDigit)) {
                    host = entry.substring(0, colon);
                    port = Optional.of(port(after, entry));
                }
            }
        }
        return new Parsed(HostRange.expand(host), port);
    }

    private static int port(String text, String entry) {
        int p = Integer.parseInt(text.length() > 6 ? "99999999" : text);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("host '" + entry + "': port " + text + " is out of range 1..65535");
        }
        return p;
    }

    /** Positions of the colons outside {@code [...]} ranges. */
    private static java.util.List<Integer> colonsOutsideRanges(String s) {
        java.util.List<Integer> colons = new java.util.ArrayList<>();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ':' && depth == 0) {
                colons.add(i);
            }
        }
        return colons;
    }
}
