package jts.fleet.remote.trim;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.Maintenance;

/** Maintenance policies shared by the trim tests. */
final class TrimPolicies {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** US equities: weekdays 08:00-18:00 New York, trim Saturday 02:00 New York. */
    static final BlackoutWindow NY_TRADING = new BlackoutWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0), NEW_YORK);
    /** Asian session seen from London: Sunday to Thursday 23:00 until 07:00 the next morning. */
    static final BlackoutWindow LONDON_OVERNIGHT = new BlackoutWindow(
            EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
            LocalTime.of(23, 0), LocalTime.of(7, 0), LONDON);

    static Maintenance weekendTrim() {
        return new Maintenance(List.of(NY_TRADING), "Sat *-*-* 02:00:00 America/New_York", 60);
    }

    private TrimPolicies() {
    }
}
