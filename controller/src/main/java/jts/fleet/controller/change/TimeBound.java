package jts.fleet.controller.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.inventory.DurationParser;

/**
 * A point in time as {@code history --since/--until} take it: an age ({@code 7d}, {@code 36h}, {@code 1d12h}: that
 * long before now), a day ({@code 2026-12-01}: its midnight), a local time ({@code 2026-12-01T14:30}) or a time with
 * its zone ({@code 2026-12-01T14:30:00Z}, {@code 2026-12-01T09:30-05:00}). Days and local times are read in the
 * controller's time zone, as an auditor says "last Tuesday"; the records themselves are in UTC.
 */
public final class TimeBound {
    private static final Pattern DAYS = Pattern.compile("([0-9]+)d(.*)");

    private TimeBound() {
    }

    /** @throws IllegalArgumentException with what is accepted */
    public static Instant parse(String text, Clock clock) {
        String t = text.strip();
        Matcher days = DAYS.matcher(t);
        try {
            if (days.matches()) {
                Duration age = Duration.ofDays(Long.parseLong(days.group(1)));
                if (!days.group(2).isEmpty()) {
                    age = age.plus(DurationParser.parse(days.group(2)));
                }
                return clock.instant().minus(age);
            }
            if (t.matches("[0-9]+(\\.[0-9]+)?(ms|s|m|h)([0-9.]+(ms|s|m|h))*")) {
                return clock.instant().minus(DurationParser.parse(t));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(text);
        }
        try {
            if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(t).atStartOfDay(clock.getZone()).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-][0-9]{2}:[0-9]{2}")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is neither an age (7d, 36h, 1d12h) nor a date or time"
                + " (2026-12-01, 2026-12-01T14:30, 2026-12-01T14:30:00Z)");
    }
}
