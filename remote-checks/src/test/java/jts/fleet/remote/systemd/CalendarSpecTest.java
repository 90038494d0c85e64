package jts.fleet.remote.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarSpecTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<String> next(String spec, String base, int count, ZoneId hostZone) {
        return CalendarSpec.parse(spec).next(Instant.parse(base), count, hostZone).stream()
                .map(t -> t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().toString()).toList();
    }

    @Test
    void parsesWeekdaysDateTimeAndZone() {
        CalendarSpec spec = CalendarSpec.parse("Sat *-*-* 03:00:00 America/New_York");
        assertThat(spec.weekdays()).containsExactly(DayOfWeek.SATURDAY);
        assertThat(spec.zone()).contains(NEW_YORK);
        assertThat(CalendarSpec.parse("Mon,Wed..Fri 08:00").weekdays()).containsExactlyInAnyOrder(
                DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(CalendarSpec.parse("Fri..Mon 01:00 UTC").weekdays()).containsExactlyInAnyOrder(
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(CalendarSpec.parse("weekly").weekdays()).containsExactly(DayOfWeek.MONDAY);
        assertThat(CalendarSpec.parse("daily UTC").zone()).contains(ZoneId.of("UTC"));
    }

    @Test
    void baseTimeIsExclusiveAsInSystemd() {
        assertThat(next("2025-*-* 00:00", "2025-01-01T00:00:00Z", 1, ZoneOffset.UTC))
                .containsExactly("2025-01-02T00:00");
    }

    @Test
    void aZoneInTheExpressionWinsOverTheHostZone() {
        // Saturday 03:00 New York is 08:00 UTC in winter, 07:00 in summer, whatever the host's zone
        assertThat(next("Sat *-*-* 03:00:00 America/New_York", "2025-03-01T00:00:00Z", 3, ZoneOffset.UTC))
                .containsExactly("2025-03-01T08:00", "2025-03-08T08:00", "2025-03-15T07:00");
        // without a zone, the host's: a host in UTC starts it at 03:00 UTC
        assertThat(next("Sat *-*-* 03:00:00", "2025-03-01T00:00:00Z", 1, ZoneOffset.UTC))
                .containsExactly("2025-03-01T03:00");
    }

    @Test
    void aLocalTimeSkippedBySpringForwardDoesNotElapse() {
        // 2025-03-09 02:30 does not exist in New York: systemd elapses on the 8th and the 10th only
        assertThat(next("*-*-* 02:30:00 America/New_York", "2025-03-08T00:00:00Z", 2, ZoneOffset.UTC))
                .containsExactly("2025-03-08T07:30", "2025-03-10T06:30");
    }

    @Test
    void anAmbiguousLocalTimeElapsesOnceAtItsFirstOccurrence() {
        // 2025-11-02 01:30 happens twice in New York (EDT, then EST): once, in EDT
        assertThat(next("*-*-* 01:30:00 America/New_York", "2025-11-01T12:00:00Z", 2, ZoneOffset.UTC))
                .containsExactly("2025-11-02T05:30", "2025-11-03T06:30");
    }

    @Test
    void componentsTakeListsRangesAndSteps() {
        assertThat(next("*-1..3-1,15 4:5:06", "2025-01-01T00:00:00Z", 3, ZoneOffset.UTC))
                .containsExactly("2025-01-01T04:05:06", "2025-01-15T04:05:06", "2025-02-01T04:05:06");
        assertThat(next("*:0/15", "2025-01-01T00:00:00Z", 2, ZoneOffset.UTC))
                .containsExactly("2025-01-01T00:15", "2025-01-01T00:30");
        assertThat(next("quarterly", "2025-01-01T00:00:00Z", 2, ZoneOffset.UTC))
                .containsExactly("2025-04-01T00:00", "2025-07-01T00:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Caturday 02:00          | not a weekday",
        "Sat 25:00               | hour 25 is outside 0..23",
        "Sat 02:00 Mars/Olympus  | unknown time zone",
        "*-*~01                  | ~ (last days of the month)",
        "*-*-* 10:00 EST         | unexpected \"EST\"",
        "Sat 02:00:00.5          | fractional seconds",
        "Sat 02:00 UTC extra     | unexpected",
    })
    void refusesWhatItCannotEvaluate(String spec, String reason) {
        assertThatThrownBy(() -> CalendarSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void elapsesStopWhenTheCallerSaysSo() {
        ZonedDateTime[] last = new ZonedDateTime[1];
        int[] seen = {0};
        CalendarSpec.parse("minutely").elapses(Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC, t -> {
                    last[0] = t;
                    return ++seen[0] < 3;
                });
        assertThat(seen[0]).isEqualTo(3);
        assertThat(last[0].toLocalDateTime().toString()).isEqualTo("2025-01-01T00:03");
    }
}
