package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

    @Test
    void parsesDaysTimeAndZone() {
        assertThat(WeeklySchedule.parse("Sat *-*-* 02:00:00 America/New_York")).contains(new WeeklySchedule(
                EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0), Optional.of(ZoneId.of("America/New_York"))));
        assertThat(WeeklySchedule.parse("Mon..Wed,Fri 18:30")).contains(new WeeklySchedule(
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
                LocalTime.of(18, 30), Optional.empty()));
        assertThat(WeeklySchedule.parse("Fri..Mon 01:00 UTC").orElseThrow().days())
                .containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(WeeklySchedule.parse("weekly")).contains(
                new WeeklySchedule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.MIDNIGHT, Optional.empty()));
        assertThat(WeeklySchedule.parse("03:15").orElseThrow().days()).hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "monthly", "*-*-01 02:00", "Sat 25:00", "Sat 02:00 Mars/Olympus", "Caturday 02:00",
            "Sat 02:00 UTC extra", "Sat..Sun..Mon 02:00"})
    void leavesAnythingElseToSystemd(String expression) {
        assertThat(WeeklySchedule.parse(expression)).isEmpty();
    }

    @Test
    void occurrencesFollowTheScheduleZone() {
        var schedule = WeeklySchedule.parse("Sat,Sun 02:00 America/New_York").orElseThrow();
        var elapses = schedule.occurrences(LocalDate.of(2025, 1, 6), 2, ZoneOffset.UTC);
        assertThat(elapses).hasSize(4);
        assertThat(elapses.get(0).toString()).isEqualTo("2025-01-11T02:00-05:00[America/New_York]");
    }
}
