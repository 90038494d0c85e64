package jts.fleet.remote.trim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.systemd.CalendarSpec;

/**
 * The one judgement about {@code maintenance.trim_schedule}: does the timer ever start TRIM inside a blackout
 * window? Every elapse of a whole year (both daylight-saving changes) is computed with systemd's calendar
 * semantics ({@link CalendarSpec}) and tested against every window. A schedule without a zone runs in each host's
 * local time, which the controller cannot know: it is evaluated in every time zone (UTC and the windows' zones
 * first), so "Sat 03:00" is refused because a host in UTC would start it on Friday 22:00 in New York.
 * {@code plan}, {@code trim install} and {@code inventory check} refuse such a policy (exit 2); the timer renderer
 * uses {@link #shortestGap} for its random delay.
 */
public final class TrimSchedule {
    /** How far ahead elapses are checked: a whole year, so both DST changes of every zone are in it. */
    public static final Duration HORIZON = Duration.ofDays(366);
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

    private TrimSchedule() {
    }

    /** The first elapse inside a window: when, in which window, and the host zone assumed for a zone-less spec. */
    public record Conflict(ZonedDateTime elapse, int windowIndex, BlackoutWindow window, Optional<ZoneId> hostZone) {
    }

    /**
     * The problem with the schedule of {@code maintenance}, or empty when no elapse in the year after {@code from}
     * falls inside a blackout window: an expression jts-fleet cannot evaluate, or the first such date.
     */
    public static Optional<String> problem(Maintenance maintenance, Instant from) {
        String schedule = maintenance.trimSchedule();
        CalendarSpec spec;
        try {
            spec = CalendarSpec.parse(schedule);
        } catch (IllegalArgumentException e) {
            return Optional.of("maintenance.trim_schedule \"" + schedule + "\" cannot be checked against the blackout "
                    + "windows: " + e.getMessage());
        }
        return firstConflict(spec, maintenance.blackout(), from).map(c -> describe(schedule, c, maintenance, from));
    }

    /** The first elapse inside a window within {@link #HORIZON} after {@code from}, over every zone when zone-less. */
    public static Optional<Conflict> firstConflict(CalendarSpec spec, List<BlackoutWindow> windows, Instant from) {
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        if (spec.zone().isPresent()) {
            return firstConflictIn(spec, windows, from, spec.zone().get()).map(c -> c);
        }
        for (ZoneId hostZone : candidateZones(windows)) {
            Optional<Conflict> c = firstConflictIn(spec, windows, from, hostZone);
            if (c.isPresent()) {
                return Optional.of(new Conflict(c.get().elapse(), c.get().windowIndex(), c.get().window(),
                        Optional.of(hostZone)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Conflict> firstConflictIn(CalendarSpec spec, List<BlackoutWindow> windows, Instant from,
                                                      ZoneId zone) {
        Conflict[] found = new Conflict[1];
        spec.elapses(from, from.plus(HORIZON), zone, elapse -> {
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i).contains(elapse)) {
                    found[0] = new Conflict(elapse, i, windows.get(i), Optional.empty());
                    return false;
                }
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * The shortest time from an elapse to the start of the next blackout window over the year after {@code from};
     * empty when there are no windows or the schedule never elapses.
     *
     * @throws IllegalArgumentException when an elapse falls inside a window
     */
    public static Optional<Duration> shortestGap(CalendarSpec spec, List<BlackoutWindow> windows, Instant from,
                                                 ZoneId zone) {
        Duration[] gap = new Duration[1];
        String[] inside = new String[1];
        spec.elapses(from, from.plus(HORIZON), zone, elapse -> {
            for (int i = 0; i < windows.size(); i++) {
                BlackoutWindow w = windows.get(i);
                if (w.contains(elapse)) {
                    inside[0] = "maintenance.trim_schedule \"" + spec.text() + "\" elapses inside the blackout window "
                            + describe(i, w) + " (e.g. " + shown(elapse) + ")";
                    return false;
                }
                Duration toStart = Duration.between(elapse, nextStart(w, elapse));
                if (gap[0] == null || toStart.compareTo(gap[0]) < 0) {
                    gap[0] = toStart;
                }
            }
            return true;
        });
        if (inside[0] != null) {
            throw new IllegalArgumentException(inside[0]);
        }
        return Optional.ofNullable(gap[0]);
    }

    private static ZonedDateTime nextStart(BlackoutWindow w, ZonedDateTime after) {
        LocalDate day = after.withZoneSameInstant(w.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i < 9; i++, day = day.plusDays(1)) {
            if (w.days().contains(day.getDayOfWeek())) {
                ZonedDateTime start = ZonedDateTime.of(day, w.from(), w.zone());
                if (start.isAfter(after)) {
                    return start;
                }
            }
        }
        throw new IllegalStateException("blackout window without days: " + describe(0, w));
    }

    /** UTC, the windows' zones, then every other zone with distinct rules, in name order. */
    static List<ZoneId> candidateZones(List<BlackoutWindow> windows) {
        Map<ZoneRules, ZoneId> byRules = new LinkedHashMap<>();
        ZoneId utc = ZoneId.of("UTC");
        byRules.put(utc.getRules(), utc);
        for (BlackoutWindow w : windows) {
            byRules.putIfAbsent(w.zone().getRules(), w.zone());
        }
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                ZoneId zone = ZoneId.of(id);
                byRules.putIfAbsent(zone.getRules(), zone);
            }
        }
        return List.copyOf(byRules.values());
    }

    private static String describe(String schedule, Conflict c, Maintenance maintenance, Instant from) {
        ZonedDateTime inWindow = c.elapse().withZoneSameInstant(c.window().zone());
        String window = describe(c.windowIndex(), c.window());
        if (c.hostZone().isEmpty()) {
            return "maintenance.trim_schedule \"" + schedule + "\" elapses inside blackout window " + window
                    + ", first on " + shown(c.elapse())
                    + (c.elapse().getZone().equals(c.window().zone()) ? "" : " (" + shown(inWindow) + ")");
        }
        StringBuilder b = new StringBuilder("maintenance.trim_schedule \"" + schedule + "\" names no time zone, so "
                + "each host runs it in its own local time: on a host in " + c.hostZone().get().getId()
                + " it elapses " + shown(c.elapse()) + ", " + shown(inWindow) + ", inside blackout window " + window);
        String suggestion = schedule.strip() + " " + c.window().zone().getId();
        CalendarSpec zoned = CalendarSpec.parse(suggestion);
        if (firstConflict(zoned, maintenance.blackout(), from).isEmpty()) {
            b.append("; name the zone, e.g. \"").append(suggestion).append('"');
        } else {
            b.append("; name the zone it is meant in and choose a time outside every window");
        }
        return b.toString();
    }

    static String describe(int index, BlackoutWindow w) {
        return "blackout[" + index + "] " + w.describe();
    }

    static String shown(ZonedDateTime t) {
        return SHOWN.format(t);
    }

    /** Every elapse in the year after {@code from} in {@code zone} (tests and the reference docs). */
    public static List<ZonedDateTime> elapses(CalendarSpec spec, Instant from, ZoneId zone) {
        List<ZonedDateTime> out = new ArrayList<>();
        spec.elapses(from, from.plus(HORIZON), zone, t -> out.add(t));
        return out;
    }
}
