package jts.fleet.inventory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as the CLI and the inventory write them: a whole number with an optional binary unit, {@code k},
 * {@code m} or {@code g} (also {@code KiB}, {@code MiB}, {@code GiB}); a bare number is bytes.
 */
public final class SizeParser {
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*([kmg]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);
    private static final String EXPECTED = "expected a number of bytes with an optional unit k, m or g, e.g. 512k, 4m";

    private SizeParser() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message for the user. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty size: " + EXPECTED);
        }
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + EXPECTED);
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("invalid size '" + text + "': too large");
        }
        return n << shift;
    }

    /** The shortest text {@link #parse} reads back as {@code bytes}: {@code 4m}, {@code 512k}, {@code 1000}. */
    public static String format(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "k";
        }
        return Long.toString(bytes);
    }
}
