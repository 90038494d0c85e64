package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationParserTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms, 500", "1s, 1000", "2m, 120000", "1h, 3600000", "1.5s, 1500", "0.25s, 250",
        "1m30s, 90000", "1h30m, 5400000", "2h0m5s250ms, 7205250", "' 10s ', 10000", "0s, 0",
    })
    void parses(String text, long millis) {
        assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10     | invalid duration '10': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h",
        "10sec  | invalid duration '10sec': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h",
        "-1s    | invalid duration '-1s': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h",
        "1 s    | invalid duration '1 s': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h",
        "1d     | invalid duration '1d': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h",
        "30s1m  | invalid duration '30s1m': units must go from larger to smaller, each once (e.g. 1h30m, 1m30s)",
        "1s1s   | invalid duration '1s1s': units must go from larger to smaller, each once (e.g. 1h30m, 1m30s)",
        "0.5ms  | invalid duration '0.5ms': finer than a millisecond",
    })
    void refuses(String text, String message) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void emptyAndZero() {
        assertThatThrownBy(() -> DurationParser.parse(" ")).hasMessageStartingWith("empty duration: expected");
        assertThatThrownBy(() -> DurationParser.parsePositive("0ms"))
                .hasMessage("invalid duration '0ms': must be above zero");
        assertThat(DurationParser.parsePositive("1ms")).isEqualTo(Duration.ofMillis(1));
    }

    @ParameterizedTest
    @CsvSource({"500ms", "1s", "1m30s", "1h", "2h0m5s250ms", "0s"})
    void formatReadsBack(String text) {
        Duration d = DurationParser.parse(text);
        assertThat(DurationParser.parse(DurationParser.format(d))).isEqualTo(d);
    }

    @Test
    void formatIsShortest() {
        assertThat(DurationParser.format(Duration.ofMillis(90_500))).isEqualTo("1m30s500ms");
        assertThat(DurationParser.format(Duration.ofHours(2))).isEqualTo("2h");
    }
}
