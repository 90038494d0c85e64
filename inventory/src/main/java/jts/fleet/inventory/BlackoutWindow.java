package jts.fleet.inventory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly window (trading hours) in which TRIM and benchmarks refuse to start. {@code from} may be after
 * {@code to}: the window then runs over midnight and {@code days} name the day it starts on.
 */
public record BlackoutWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    public BlackoutWindow {
        days = Set.copyOf(days);
    }

    /** "mon,tue,wed,thu,fri 07:00-22:30 America/New_York", as the policy writes it. */
    public String describe() {
        StringBuilder days = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (this.days.contains(d)) {
                days.append(days.length() == 0 ? "" : ",").append(d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return days + " " + from + "-" + to + " " + zone.getId();
    }

    public boolean contains(ZonedDateTime instant) {
        ZonedDateTime local = instant.withZoneSameInstant(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!from.isAfter(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // over midnight: the evening part belongs to today, the morning part to yesterday's window
        return (days.contains(day) && !time.isBefore(from))
                || (days.contains(day.minus(1)) && time.isBefore(to));
    }
}
