package jts.fleet.inventory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Shell-style globs ({@code *}, {@code ?}, {@code [...]} with {@code !} negation), the one glob matcher of every
 * module: host patterns ({@link HostPattern}), the policy's device globs, udev's match values, the history's host
 * filter. Compiled once per glob: the udev rule check evaluates hundreds of rules against thousands of devices.
 * (OpenSSH's patterns, {@code *} and {@code ?} only, in comma lists with negation, are {@code SshPatterns}.)
 */
public final class Glob {
    private static final ConcurrentMap<String, Pattern> COMPILED = new ConcurrentHashMap<>();
    /** A glob that is not a valid pattern (an unbalanced class) matches only itself. */
    private static final Pattern LITERAL = Pattern.compile("\\A\\z.");

    private Glob() {
    }

    public static boolean matches(String glob, String text) {
        if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0 && glob.indexOf('[') < 0) {
            return glob.equals(text);
        }
        Pattern p = COMPILED.computeIfAbsent(glob, Glob::compile);
        return p == LITERAL ? glob.equals(text) : p.matcher(text).matches();
    }

    /**
     * Why {@code glob} is not well formed, for callers that refuse such globs instead of matching them literally:
     * {@code unclosed or empty '['} or {@code unmatched ']'}; empty when it is fine.
     */
    public static Optional<String> problem(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0 || end == i + 1) {
                    return Optional.of("unclosed or empty '['");
                }
                i = end;
            } else if (c == ']') {
                return Optional.of("unmatched ']'");
            }
        }
        return Optional.empty();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        regex.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            return LITERAL;
        }
    }
}
