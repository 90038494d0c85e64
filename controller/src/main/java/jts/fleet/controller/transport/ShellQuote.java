package jts.fleet.controller.transport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX single-quote quoting for words that end up in a remote shell line. Inside single quotes nothing is
 * special except the quote itself, which is written as {@code '\''} (close, escaped quote, reopen). This is
 * the only way text is placed into a command line; callers still validate names read from hosts.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    /** Returns {@code word} as one shell word. NUL cannot be passed through argv, so it is refused. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain NUL: " + printable(word));
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Quotes every word and joins them with single spaces. */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private static String printable(String word) {
        return word.replace("\0", "\\0");
    }
}
