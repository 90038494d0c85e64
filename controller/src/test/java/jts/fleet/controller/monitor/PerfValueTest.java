package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;

class PerfValueTest {
    @Test
    void rendersNagiosPerformanceData() {
        PerfValue hot = new PerfValue("db-01", "hot", "read_await", 0.4, 1, 5);
        assertThat(hot.render(false)).isEqualTo("'hot_read_await_ms'=0.4ms;1;5");
        assertThat(hot.render(true)).isEqualTo("'db-01/hot_read_await_ms'=0.4ms;1;5");
        assertThat(new PerfValue("h", "warm", "write_await", 12.345, 2.5, 10).render(false))
                .isEqualTo("'warm_write_await_ms'=12.35ms;2.5;10");
        assertThat(new PerfValue("o'brien", "t", "read_await", 0, 1, 2).render(true))
                .as("a quote in a label is doubled").isEqualTo("'o''brien/t_read_await_ms'=0ms;1;2");
    }

    @Test
    void severalHostsPrefixTheirLabels() {
        CheckReport report = new CheckReport(List.of(new Finding("a", Severity.OK, "fine"),
                new Finding("b", Severity.OK, "fine")), 2, List.of(new PerfValue("a", "hot", "read_await", 0.1, 1, 5),
                new PerfValue("b", "hot", "read_await", 0.2, 1, 5)));
        assertThat(report.render().lines().findFirst().orElseThrow())
                .endsWith(" | 'a/hot_read_await_ms'=0.1ms;1;5 'b/hot_read_await_ms'=0.2ms;1;5");
        assertThat(report.json().at("/perfdata/1/label").asText()).isEqualTo("b/hot_read_await_ms");
    }
}
