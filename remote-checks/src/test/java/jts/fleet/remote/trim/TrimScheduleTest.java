package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.InventorySchema;
import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.systemd.CalendarSpec;

class TrimScheduleTest {
    /** The embedded policy's window: US trading hours with pre- and post-market. */
    static final BlackoutWindow JTS_TRADING = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(7, 0), LocalTime.of(22, 30), TrimPolicies.NEW_YORK);
    static final Instant SUMMER = Instant.parse("2026-06-01T00:00:00Z");

    private static Maintenance schedule(String expression) {
        return new Maintenance(List.of(JTS_TRADING), expression, 10);
    }

    @Test
    void theDefaultScheduleNeverFallsInsideTheDefaultWindow() {
        assertThat(InventorySchema.DEFAULT_TRIM_SCHEDULE).isEqualTo("Sat *-*-* 03:00:00 America/New_York");
        assertThat(TrimSchedule.problem(schedule(InventorySchema.DEFAULT_TRIM_SCHEDULE), SUMMER)).isEmpty();
        assertThat(TrimSchedule.problem(schedule(InventorySchema.DEFAULT_TRIM_SCHEDULE),
                Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theOldZonelessDefaultIsRefusedWithTheFirstWinterDate() {
        // a host in UTC: Saturday 03:00 UTC is Friday 22:00 in New York once daylight saving ends (2026-11-01)
        assertThat(TrimSchedule.problem(schedule("Sat *-*-* 03:00:00"), SUMMER)).hasValueSatisfying(p -> assertThat(p)
                .contains("names no time zone")
                .contains("on a host in UTC it elapses Sat 2026-11-07 03:00 UTC, Fri 2026-11-06 22:00 EST")
                .contains("inside blackout window blackout[0] mon,tue,wed,thu,fri 07:00-22:30 America/New_York")
                .contains("name the zone, e.g. \"Sat *-*-* 03:00:00 America/New_York\""));
    }

    @Test
    void aZonedScheduleInsideTheWindowNamesItsFirstDate() {
        assertThat(TrimSchedule.problem(schedule("Fri 12:00 Europe/London"), SUMMER)).hasValueSatisfying(p ->
                assertThat(p).isEqualTo("maintenance.trim_schedule \"Fri 12:00 Europe/London\" elapses inside "
                        + "blackout window blackout[0] mon,tue,wed,thu,fri 07:00-22:30 America/New_York, first on "
                        + "Fri 2026-06-05 12:00 BST (Fri 2026-06-05 07:00 EDT)"));
    }

    @Test
    void onlyTheWeeksWhenLondonAndNewYorkDisagreeAreRefused() {
        // Monday 12:00 London is 07:00 New York only while London is on summer time and New York is not yet
        // (or no longer): late March, and the week around the end of October; 06:00 the rest of the year.
        assertThat(TrimSchedule.problem(schedule("Mon 11:30 Europe/London"), SUMMER)).hasValueSatisfying(p ->
                assertThat(p).contains("first on Mon 2026-10-26 11:30 GMT (Mon 2026-10-26 07:30 EDT)"));
    }

    @Test
    void zonelessSchedulesSafeInEveryZoneAreAccepted() {
        // Sunday 03:00 local is between Saturday 13:00 and Sunday 15:00 UTC whatever the host's zone
        assertThat(TrimSchedule.problem(schedule("Sun 03:00"), SUMMER)).isEmpty();
        assertThat(TrimSchedule.candidateZones(List.of(JTS_TRADING))).startsWith(java.time.ZoneId.of("UTC"),
                TrimPolicies.NEW_YORK).hasSizeGreaterThan(100);
    }

    @Test
    void noWindowsNothingToRefuse() {
        assertThat(TrimSchedule.problem(new Maintenance(List.of(), "Sat 03:00", 10), SUMMER)).isEmpty();
    }

    @Test
    void anExpressionItCannotEvaluateIsAProblemNotAPass() {
        assertThat(TrimSchedule.problem(schedule("*-*~01 03:00 UTC"), SUMMER))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot be checked against the blackout windows"));
    }

    @Test
    void gapIsFromEachElapseToTheNextWindowStart() {
        var gap = TrimSchedule.shortestGap(CalendarSpec.parse("Sat *-*-* 03:00:00 America/New_York"),
                List.of(JTS_TRADING), SUMMER, TrimPolicies.NEW_YORK);
        // Saturday 03:00 to Monday 07:00 is 52 h, but 51 h over the weekend clocks spring forward
        assertThat(gap).contains(java.time.Duration.ofHours(51));
    }
}
