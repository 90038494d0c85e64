package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeBoundTest {
    /** Thursday 2026-12-10 15:00 in New York. */
    private static final Clock NEW_YORK = Clock.fixed(Instant.parse("2026-12-10T20:00:00Z"),
            ZoneId.of("America/New_York"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "7d,                        2026-12-03T20:00:00Z",
        "36h,                       2026-12-09T08:00:00Z",
        "1d12h,                     2026-12-09T08:00:00Z",
        "90m,                       2026-12-10T18:30:00Z",
        "2026-12-08,                2026-12-08T05:00:00Z",
        "2026-12-08T09:30,          2026-12-08T14:30:00Z",
        "2026-12-08T09:30:00Z,      2026-12-08T09:30:00Z",
        "2026-12-08T09:30:00-05:00, 2026-12-08T14:30:00Z",
    })
    void agesDatesAndTimes(String text, String expected) {
        assertThat(TimeBound.parse(text, NEW_YORK)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "last tuesday", "2026-13-01", "7days", ""})
    void anythingElseSaysWhatIsAccepted(String text) {
        assertThatThrownBy(() -> TimeBound.parse(text, NEW_YORK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither an age (7d, 36h, 1d12h) nor a date or time");
    }
}
