package jts.fleet.remote.model;

/**
 * Text read from a host (device and mount names, models, file contents, error output) is data: shown to a
 * person, every character that a terminal, a Nagios console or a log viewer would act on is written out
 * instead, so a mount point named {@code "\033]0;pwned\007"} can neither retitle the terminal nor start a line
 * of its own. This is the one place that decides how; every text renderer calls it on what came from a host
 * (JSON output needs nothing: JSON escapes control characters itself, and HTML escapes this result further).
 *
 * <p>Written out: C0 controls as {@code \n}, {@code \r}, {@code \t} or {@code \x1b}; DEL as {@code \x7f};
 * C1 controls (U+0080..U+009F, which some terminals read as ESC sequences) and the invisible Unicode
 * formatting characters that reorder or hide text (bidirectional overrides and isolates, zero-width
 * characters, line and paragraph separators, the byte order mark) as {@code \u202e}. Everything else is kept.
 */
public final class HostText {
    private HostText() {
    }

    /** The first non-blank line of {@code text}, stripped; "" when there is none (error output in messages). */
    public static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
    }

    /** {@code text} safe to print; {@code null} stays {@code null}. Returns the same instance when nothing changes. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * The same for a rendered view of several lines: its line breaks are kept (they are the view's own), every
     * other control character is written out. A value that may hold a line break itself (a mount point: the
     * kernel's {@code \012}) must still go through {@link #escape} when the view is built.
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text, keepLines);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c) || (keepLines && c == '\n')) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x100) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.toString();
    }

    /** True when {@link #escape} would change {@code text}. */
    public static boolean needsEscaping(String text) {
        return text != null && firstUnsafe(text, false) >= 0;
    }

    private static int firstUnsafe(String text, boolean keepLines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c) && !(keepLines && c == '\n')) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return c <= 0x9f // C1 controls
                || c == 0x061c // Arabic letter mark
                || (c >= 0x200b && c <= 0x200f) // zero-width space/joiners, LRM, RLM
                || (c >= 0x2028 && c <= 0x202e) // line/paragraph separators, bidi embeddings and overrides
                || (c >= 0x2060 && c <= 0x2069) // word joiner, invisible operators, bidi isolates
                || c == 0xfeff; // zero-width no-break space (BOM)
    }
}
