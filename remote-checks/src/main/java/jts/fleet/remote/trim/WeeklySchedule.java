package jts.fleet.remote.trim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The subset of systemd OnCalendar expressions a weekly TRIM schedule uses, enough to compute how much room is
 * left before the next blackout window: {@code [DAYS] [*-*-*] HH:MM[:SS] [ZONE]} with DAYS like {@code Sat},
 * {@code Sat,Sun} or {@code Mon..Fri}, plus {@code daily} and {@code weekly}. Anything else is left to
 * {@code systemd-analyze calendar}; {@link #parse} then returns empty and callers fall back to the safe choice.
 * An empty {@code zone} means the host's local time zone (unknown to the controller).
 */
public record WeeklySchedule(Set<DayOfWeek> days, LocalTime time, Optional<ZoneId> zone) {

    public WeeklySchedule {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public static Optional<WeeklySchedule> parse(String expression) {
        String text = expression.trim();
        if (text.equals("daily")) {
            return Optional.of(new WeeklySchedule(Set.of(), LocalTime.MIDNIGHT, Optional.empty()));
        }
        if (text.equals("weekly")) {
            return Optional.of(new WeeklySchedule(Set.of(DayOfWeek.MONDAY), LocalTime.MIDNIGHT, Optional.empty()));
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>(List.of(text.split("\\s+")));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (!tokens.isEmpty() && Character.isLetter(tokens.get(0).charAt(0))) {
            Optional<Set<DayOfWeek>> parsed = days(tokens.remove(0));
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            days.addAll(parsed.get());
        }
        if (!tokens.isEmpty() && tokens.get(0).equals("*-*-*")) {
            tokens.remove(0);
        }
        if (tokens.isEmpty() || !tokens.get(0).matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            return Optional.empty();
        }
        String[] hms = tokens.remove(0).split(":");
        int hour = Integer.parseInt(hms[0]);
        int minute = Integer.parseInt(hms[1]);
        int second = hms.length > 2 ? Integer.parseInt(hms[2]) : 0;
        if (hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        Optional<ZoneId> zone = Optional.empty();
        if (!tokens.isEmpty()) {
            try {
                zone = Optional.of(ZoneId.of(tokens.remove(0)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        if (!tokens.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WeeklySchedule(days, LocalTime.of(hour, minute, second), zone));
    }

    /** Every elapse in [{@code from}, {@code from + weeks}) in {@code zoneIfUnset} when the schedule names none. */
    public List<ZonedDateTime> occurrences(LocalDate from, int weeks, ZoneId zoneIfUnset) {
        ZoneId z = zone.orElse(zoneIfUnset);
        List<ZonedDateTime> out = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(from.plusWeeks(weeks)); d = d.plusDays(1)) {
            if (days.contains(d.getDayOfWeek())) {
                out.add(ZonedDateTime.of(d, time, z));
            }
        }
        return out;
    }

    private static Optional<Set<DayOfWeek>> days(String spec) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",")) {
            String[] range = part.split("\\.\\.", -1);
            if (range.length > 2) {
                return Optional.empty();
            }
            Optional<DayOfWeek> first = day(range[0]);
            Optional<DayOfWeek> last = range.length == 2 ? day(range[1]) : first;
            if (first.isEmpty() || last.isEmpty()) {
                return Optional.empty();
            }
            for (DayOfWeek d = first.get(); ; d = d.plus(1)) {
                result.add(d);
                if (d == last.get()) {
                    break;
                }
            }
        }
        return Optional.of(result);
    }

    private static Optional<DayOfWeek> day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)
                    || d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
