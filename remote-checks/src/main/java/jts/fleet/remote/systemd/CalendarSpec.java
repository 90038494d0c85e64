package jts.fleet.remote.systemd;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A systemd {@code OnCalendar=} expression (systemd.time(7)) and its elapses, with systemd's own semantics:
 * {@code [WEEKDAYS] [YEAR-MONTH-DAY] [HOUR:MINUTE[:SECOND]] [ZONE]}, each date and time component {@code *}, a
 * number, a list {@code a,b}, a range {@code a..b} or a repetition {@code a/n}, {@code *}{@code /n}; weekdays as
 * names, lists and ranges; the shorthands {@code minutely hourly daily weekly monthly quarterly semiannually
 * yearly annually}. A zone is an IANA name or {@code UTC}; without one the expression runs in the host's local
 * zone, which the caller supplies.
 *
 * <p>Daylight saving time as systemd (calendarspec.c, mktime with the zone's rules): a local time that does not
 * exist on a spring-forward day is skipped (no elapse that day), an ambiguous local time on a fall-back day
 * elapses once, at its first occurrence. {@code CalendarSpecSystemdIT} compares elapses with
 * {@code systemd-analyze calendar --iterations=N} in UTC and America/New_York.
 *
 * <p>What this evaluator does not know ({@code ~} last-day syntax, fractional seconds, zone abbreviations such as
 * {@code EST}) is refused by {@link #parse} with the reason, rather than guessed.
 */
public record CalendarSpec(String text, Set<DayOfWeek> weekdays, Component years, Component months,
                           Component days, Component hours, Component minutes, Component seconds,
                           Optional<ZoneId> zone) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");

    public CalendarSpec {
        weekdays = weekdays.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(weekdays);
    }

    /** Values a component allows, as systemd writes them: each part a value, a range or a start with a step. */
    public record Component(List<Part> parts) {
        public Component {
            parts = List.copyOf(parts);
        }

        static Component any() {
            return new Component(List.of());
        }

        static Component exactly(int value) {
            return new Component(List.of(new Part(value, value, 1)));
        }

        public boolean matches(int value) {
            return parts.isEmpty() || parts.stream().anyMatch(p -> p.matches(value));
        }
    }

    /** {@code from..to} every {@code step}; a single value has from == to. */
    public record Part(int from, int to, int step) {
        boolean matches(int value) {
            return value >= from && value <= to && (value - from) % step == 0;
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the part jts-fleet cannot evaluate and why
     */
    public static CalendarSpec parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty calendar expression");
        }
        List<String> tokens = new ArrayList<>(List.of(trimmed.split("\\s+")));
        Optional<ZoneId> zone = Optional.empty();
        if (tokens.size() > 1 || zoneLike(tokens.get(0))) {
            String last = tokens.get(tokens.size() - 1);
            if (zoneLike(last)) {
                zone = Optional.of(zone(last));
                tokens.remove(tokens.size() - 1);
            }
        }
        if (tokens.size() == 1) {
            Optional<String> expanded = shorthand(tokens.get(0).toLowerCase(Locale.ROOT));
            if (expanded.isPresent()) {
                CalendarSpec base = parse(expanded.get());
                return new CalendarSpec(text, base.weekdays(), base.years(), base.months(), base.days(),
                        base.hours(), base.minutes(), base.seconds(), zone);
            }
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        if (!tokens.isEmpty() && Character.isLetter(tokens.get(0).charAt(0))) {
            weekdays = weekdays(tokens.remove(0));
        }
        Component years = Component.any();
        Component months = Component.any();
        Component days = Component.any();
        if (!tokens.isEmpty() && tokens.get(0).contains("-")) {
            String date = tokens.remove(0);
            if (date.contains("~")) {
                throw new IllegalArgumentException("\"" + date + "\": the ~ (last days of the month) form is not "
                        + "supported by jts-fleet's schedule check");
            }
            String[] ymd = date.split("-", -1);
            if (ymd.length == 3) {
                years = component(ymd[0], 1970, 2199, "year");
                months = component(ymd[1], 1, 12, "month");
                days = component(ymd[2], 1, 31, "day");
            } else if (ymd.length == 2) {
                months = component(ymd[0], 1, 12, "month");
                days = component(ymd[1], 1, 31, "day");
            } else {
                throw new IllegalArgumentException("\"" + date + "\" is not a date YEAR-MONTH-DAY");
            }
        }
        Component hours = Component.exactly(0);
        Component minutes = Component.exactly(0);
        Component seconds = Component.exactly(0);
        if (!tokens.isEmpty() && tokens.get(0).contains(":")) {
            String time = tokens.remove(0);
            String[] hms = time.split(":", -1);
            if (hms.length < 2 || hms.length > 3) {
                throw new IllegalArgumentException("\"" + time + "\" is not a time HOUR:MINUTE[:SECOND]");
            }
            hours = component(hms[0], 0, 23, "hour");
            minutes = component(hms[1], 0, 59, "minute");
            seconds = hms.length == 3 ? component(hms[2], 0, 59, "second") : Component.exactly(0);
        }
        if (!tokens.isEmpty()) {
            throw new IllegalArgumentException("unexpected \"" + String.join(" ", tokens) + "\" (expected "
                    + "[WEEKDAYS] [YEAR-MONTH-DAY] [HH:MM[:SS]] [ZONE])");
        }
        return new CalendarSpec(text, weekdays, years, months, days, hours, minutes, seconds, zone);
    }

    private static Optional<String> shorthand(String word) {
        return Optional.ofNullable(switch (word) {
            case "minutely" -> "*-*-* *:*:00";
            case "hourly" -> "*-*-* *:00:00";
            case "daily" -> "*-*-* 00:00:00";
            case "weekly" -> "Mon *-*-* 00:00:00";
            case "monthly" -> "*-*-01 00:00:00";
            case "quarterly" -> "*-01,04,07,10-01 00:00:00";
            case "semiannually" -> "*-01,07-01 00:00:00";
            case "yearly", "annually" -> "*-01-01 00:00:00";
            default -> null;
        });
    }

    /** A token that can only be a zone: has a letter and no date/time punctuation, and is not a weekday list. */
    private static boolean zoneLike(String token) {
        if (token.equals("UTC") || token.contains("/")) {
            return !token.contains(":") && !token.contains("*") && Character.isLetter(token.charAt(0));
        }
        return false;
    }

    private static ZoneId zone(String name) {
        if (name.equals("UTC")) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + name + "\" (use an IANA name such as "
                    + "America/New_York, or UTC)");
        }
    }

    private static Set<DayOfWeek> weekdays(String spec) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",", -1)) {
            String[] range = part.split("\\.\\.", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("\"" + part + "\" is not a weekday or weekday range");
            }
            DayOfWeek first = weekday(range[0]);
            DayOfWeek last = range.length == 2 ? weekday(range[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                result.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return result;
    }

    private static DayOfWeek weekday(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)
                    || d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a weekday (Mon..Sun)");
    }

    private static Component component(String text, int min, int max, String what) {
        if (text.equals("*")) {
            return Component.any();
        }
        List<Part> parts = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String base = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, what + " step");
                base = part.substring(0, slash);
            }
            int from;
            int to;
            if (base.equals("*")) {
                from = min;
                to = max;
            } else if (base.contains("..")) {
                String[] range = base.split("\\.\\.", -1);
                if (range.length != 2) {
                    throw new IllegalArgumentException("\"" + part + "\" is not a " + what + " range");
                }
                from = number(range[0], min, max, what);
                to = number(range[1], min, max, what);
                if (slash >= 0) {
                    throw new IllegalArgumentException("\"" + part + "\": a range with a step is not supported");
                }
            } else {
                from = number(base, min, max, what);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("\"" + part + "\": " + what + " range runs backwards");
            }
            parts.add(new Part(from, to, step));
        }
        return new Component(parts);
    }

    private static int number(String text, int min, int max, String what) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a " + what
                    + (text.contains(".") ? " (fractional seconds are not supported)" : ""));
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** The zone the expression runs in: its own, else {@code hostZone}. */
    public ZoneId zoneOr(ZoneId hostZone) {
        return zone.orElse(hostZone);
    }

    /**
     * Calls {@code each} with every elapse after {@code after} (exclusive, as systemd's base time) and before
     * {@code before}, in order, until it returns false. {@code hostZone} applies when the expression names no zone.
     */
    public void elapses(Instant after, Instant before, ZoneId hostZone, Predicate<ZonedDateTime> each) {
        ZoneId z = zoneOr(hostZone);
        LocalDate first = after.atZone(z).toLocalDate();
        LocalDate last = before.atZone(z).toLocalDate();
        List<int[]> times = times();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!years.matches(day.getYear()) || !months.matches(day.getMonthValue())
                    || !days.matches(day.getDayOfMonth()) || !weekdays.contains(day.getDayOfWeek())) {
                continue;
            }
            for (int[] hms : times) {
                LocalDateTime local = day.atTime(hms[0], hms[1], hms[2]);
                if (z.getRules().getValidOffsets(local).isEmpty()) {
                    continue; // skipped by a spring-forward change: systemd does not elapse then
                }
                ZonedDateTime at = ZonedDateTime.ofLocal(local, z, null); // ambiguous: the first occurrence
                Instant instant = at.toInstant();
                if (!instant.isAfter(after)) {
                    continue;
                }
                if (!instant.isBefore(before) || !each.test(at)) {
                    return;
                }
            }
        }
    }

    /** The first {@code count} elapses after {@code after}, looking at most ten years ahead. */
    public List<ZonedDateTime> next(Instant after, int count, ZoneId hostZone) {
        List<ZonedDateTime> out = new ArrayList<>();
        elapses(after, after.atZone(ZoneOffset.UTC).plusYears(10).toInstant(), hostZone, t -> {
            out.add(t);
            return out.size() < count;
        });
        return out;
    }

    /** Every matching time of day, ascending. */
    private List<int[]> times() {
        List<int[]> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (!hours.matches(h)) {
                continue;
            }
            for (int m = 0; m < 60; m++) {
                if (!minutes.matches(m)) {
                    continue;
                }
                for (int s = 0; s < 60; s++) {
                    if (seconds.matches(s)) {
                        out.add(new int[] {h, m, s});
                    }
                }
            }
        }
        return out;
    }
}
