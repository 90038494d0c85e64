package jts.fleet.inventory.sshconfig;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenSSH's time values ({@code convtime}): seconds, or numbers with units s m h d w run together ({@code 1h30m}). */
public final class SshTime {
    private static final Pattern PART = Pattern.compile("([0-9]+)([sSmMhHdDwW]?)");

    private SshTime() {
    }

    /** The value in seconds, or empty when OpenSSH would refuse it. */
    public static Optional<Long> seconds(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(text);
        long total = 0;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            long value;
            try {
                value = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                case "w" -> 604800;
                default -> 1;
            };
            total += value * unit;
            if (total > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            at = m.end();
            if (m.group(2).isEmpty() && at < text.length()) {
                return Optional.empty(); // a number without unit must come last
            }
        }
        return Optional.of(total);
    }
}
