package jts.fleet.inventory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the CLI and the inventory write them: a number with a unit, {@code ms}, {@code s}, {@code m} or
 * {@code h}, optionally several in a row ({@code 1m30s}). A bare number is refused because "30" could mean
 * seconds or milliseconds.
 */
public final class DurationParser {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final String EXPECTED = "expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h";

    private DurationParser() {
    }

    /** Parses {@code text}; zero is allowed. Throws {@link IllegalArgumentException} with a message for the user. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration: " + EXPECTED);
        }
        String t = text.strip();
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int pos = 0;
        String lastUnit = null;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration '" + text + "': " + EXPECTED);
            }
            String unit = m.group(2);
            if (lastUnit != null && rank(unit) >= rank(lastUnit)) {
                throw new IllegalArgumentException("invalid duration '" + text
                        + "': units must go from larger to smaller, each once (e.g. 1h30m, 1m30s)");
            }
            total = total.plus(toDuration(new BigDecimal(m.group(1)), unit, text));
            lastUnit = unit;
            pos = m.end();
        }
        return total;
    }

    /** Like {@link #parse} but refuses zero, for intervals and timeouts. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': must be above zero");
        }
        return d;
    }

    /** The shortest text that {@link #parse} reads back as {@code d}, e.g. {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long ms = d.toMillis();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long rest = ms % 1000;
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        if (rest > 0) {
            out.append(rest).append("ms");
        }
        return out.toString();
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "h" -> 3;
            case "m" -> 2;
            case "s" -> 1;
            default -> 0;
        };
    }

    private static Duration toDuration(BigDecimal amount, String unit, String text) {
        BigDecimal millisPerUnit = switch (unit) {
            case "h" -> BigDecimal.valueOf(3_600_000);
            case "m" -> BigDecimal.valueOf(60_000);
            case "s" -> BigDecimal.valueOf(1000);
            default -> BigDecimal.ONE;
        };
        BigDecimal millis = amount.multiply(millisPerUnit);
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("invalid duration '" + text + "': finer than a millisecond");
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            throw new IllegalArgumentException("invalid duration '" + text + "': too long");
        }
        return Duration.ofMillis(millis.longValueExact());
    }
}
