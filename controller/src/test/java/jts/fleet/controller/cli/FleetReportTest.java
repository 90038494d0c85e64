package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.monitor.MonitorEngine;
import jts.fleet.remote.monitor.PromText;

/** The shared output of fleet commands: values with Optional and java.time fields, JSON only when asked. */
class FleetReportTest {
    private static final MonitorEngine.InstallReport INSTALLED = new MonitorEngine.InstallReport("db-01",
            List.of(new FileOutcome("/etc/jts-fleet/metrics.conf", FileChange.INSTALLED, "ab".repeat(32))),
            Optional.of(true), "Sat 2026-12-05 23:31:00 UTC", List.of());

    private record Printed(String out, String err) {
    }

    private static <T> Printed print(boolean json, List<HostResult<T>> results,
            java.util.function.Function<T, Object> toJson, java.util.function.Function<T, String> text) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AppContext context = new AppContext(new PrintWriter(out, true), new PrintWriter(err, true), false,
                Clock.systemUTC());
        OutputOptions output = new OutputOptions();
        output.format = json ? OutputOptions.Format.json : OutputOptions.Format.text;
        FleetReport.print(context, output, results, toJson, text, doc -> { });
        return new Printed(out.toString(), err.toString());
    }

    @Test
    void optionalAndDurationFieldsSerialise() throws Exception {
        MonitorEngine.RunOnceReport ran = new MonitorEngine.RunOnceReport("db-01", 0, "", "jts_up 1\n",
                PromText.parse("t", "jts_up 1\n"), Duration.ofMillis(1500));
        Printed installed = print(true, List.of(new HostResult.Ok<>("db-01", INSTALLED, true)), r -> r, r -> "");
        JsonNode doc = Json.MAPPER.readTree(installed.out());
        assertThat(doc.at("/hosts/0/systemd").asBoolean()).isTrue();
        assertThat(doc.at("/hosts/0/status").asText()).isEqualTo("changed");
        assertThat(doc.at("/recap/changed").asInt()).isEqualTo(1);

        Printed once = print(true, List.of(new HostResult.Ok<>("db-01", ran, false)), r -> r, r -> "");
        JsonNode run = Json.MAPPER.readTree(once.out());
        assertThat(run.at("/hosts/0/elapsed").asDouble()).isEqualTo(1.5);
        assertThat(run.at("/hosts/0/metrics/0/name").asText()).isEqualTo("jts_up");

        MonitorEngine.InstallReport dryRun = new MonitorEngine.InstallReport("db-01", List.of(), Optional.empty(),
                "", List.of());
        JsonNode dry = Json.MAPPER.readTree(print(true, List.of(new HostResult.Ok<>("db-01", dryRun, false)),
                r -> r, r -> "").out());
        assertThat(dry.at("/hosts/0/systemd").isNull()).as("empty Optional is null").isTrue();
    }

    @Test
    void textOutputNeverBuildsJson() {
        Printed text = print(false, List.of(new HostResult.Ok<>("db-01", INSTALLED, true)),
                r -> {
                    throw new AssertionError("JSON built for text output");
                }, r -> "db-01: changed");
        assertThat(text.out()).startsWith("db-01: changed\n").contains("RECAP");
        assertThat(text.err()).isEmpty();
    }
}
