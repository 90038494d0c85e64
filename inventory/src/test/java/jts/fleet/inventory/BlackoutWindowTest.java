package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlackoutWindowTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private static final BlackoutWindow TRADING =
            new BlackoutWindow(WEEKDAYS, LocalTime.of(7, 0), LocalTime.of(22, 30), NEW_YORK);
    /** Over midnight, starting Sunday to Thursday evenings (Asian session). */
    private static final BlackoutWindow NIGHT = new BlackoutWindow(Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), LocalTime.of(18, 0), LocalTime.of(2, 0),
            ZoneId.of("Asia/Tokyo"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // 2026-11-23 is a Monday; New York is UTC-5 in November
        "2026-11-23T12:00:00Z, true",   // 07:00 NY: start is inside
        "2026-11-23T11:59:59Z, false",  // 06:59:59 NY
        "2026-11-24T03:29:59Z, true",   // Mon 22:29:59 NY
        "2026-11-24T03:30:00Z, false",  // Mon 22:30 NY: end is outside
        "2026-11-28T15:00:00Z, false",  // Saturday 10:00 NY
        "2026-11-23T04:00:00Z, false",  // Sunday 23:00 NY although Monday in UTC
        // July: New York is UTC-4, so 07:00 NY is 11:00Z
        "2026-07-06T11:00:00Z, true",
        "2026-07-06T10:30:00Z, false",
    })
    void tradingHoursInNewYork(String instant, boolean inside) {
        assertThat(TRADING.contains(ZonedDateTime.parse(instant))).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-11-22T18:00+09:00[Asia/Tokyo], true",   // Sunday 18:00 starts the window
        "2026-11-23T01:59+09:00[Asia/Tokyo], true",   // Monday 01:59 belongs to Sunday's window
        "2026-11-23T02:00+09:00[Asia/Tokyo], false",
        "2026-11-27T18:30+09:00[Asia/Tokyo], false",  // Friday evening: no window starts on Friday
        "2026-11-28T01:00+09:00[Asia/Tokyo], false",  // Saturday 01:00: Friday started none
        "2026-11-20T01:00+09:00[Asia/Tokyo], true",   // Friday 01:00 belongs to Thursday's window
        "2026-11-22T09:30Z, true",                    // 18:30 Tokyo on Sunday, given in UTC
    })
    void overMidnightBelongsToTheDayItStarts(String instant, boolean inside) {
        assertThat(NIGHT.contains(ZonedDateTime.parse(instant))).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2026-11-23T15:00:00Z, true", "2026-11-23T23:00:00Z, true", "2026-11-28T15:00:00Z, false"})
    void maintenanceIsInBlackoutWhenAnyWindowContainsNow(String instant, boolean inside) {
        Maintenance m = new Maintenance(List.of(TRADING, NIGHT), "Sat *-*-* 03:00:00", 10);
        assertThat(m.inBlackout(ZonedDateTime.parse(instant))).isEqualTo(inside);
    }
}
