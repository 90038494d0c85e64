package jts.fleet.inventory.sshconfig;

import java.util.Locale;

/**
 * OpenSSH's pattern matching (match.c): {@code *} matches any run of characters, {@code ?} one character, nothing
 * else is special. A pattern list is comma-separated; an entry starting with {@code !} that matches makes the whole
 * list fail, and a list of only negations never matches. ssh_config's {@code Host} and {@code Match} lines and
 * known_hosts host fields (the controller's {@code HostPatterns}) match through this one copy, as OpenSSH's do.
 */
public final class SshPatterns {
    private SshPatterns() {
    }

    /** One pattern against one string, case-sensitive ({@code Host} lines use this). */
    public static boolean matches(String text, String pattern) {
        return matches(text, 0, pattern, 0);
    }

    private static boolean matches(String text, int t, String pattern, int p) {
        while (true) {
            if (p == pattern.length()) {
                return t == text.length();
            }
            char c = pattern.charAt(p);
            if (c == '*') {
                p++;
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int i = t; i <= text.length(); i++) {
                    if (matches(text, i, pattern, p)) {
                        return true;
                    }
                }
                return false;
            }
            if (t == text.length()) {
                return false;
            }
            if (c != '?' && c != text.charAt(t)) {
                return false;
            }
            t++;
            p++;
        }
    }

    /** 1 on a positive match, -1 when a negated entry matches, 0 otherwise ({@code match_pattern_list}). */
    public static int matchList(String text, String list, boolean lowerCasePatterns) {
        boolean positive = false;
        for (String entry : list.split(",", -1)) {
            boolean negated = entry.startsWith("!");
            String pattern = negated ? entry.substring(1) : entry;
            if (lowerCasePatterns) {
                pattern = pattern.toLowerCase(Locale.ROOT);
            }
            if (matches(text, pattern)) {
                if (negated) {
                    return -1;
                }
                positive = true;
            }
        }
        return positive ? 1 : 0;
    }

    /** {@code Match host}: the host lower-cased against the lower-cased list. */
    static boolean matchesHost(String host, String list) {
        return matchList(host.toLowerCase(Locale.ROOT), list, true) == 1;
    }
}
