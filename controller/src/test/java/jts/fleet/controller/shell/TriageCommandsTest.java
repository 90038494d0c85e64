package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jts.fleet.controller.ExitCodes;
import jts.fleet.remote.stats.DeviceRates;

/** The triage commands run in a shell against this machine through the local transport; their JSON views. */
class TriageCommandsTest {
    @TempDir
    Path temp;

    private ShellHarness shell() throws Exception {
        return new ShellHarness(ShellHarness.writeInventory(temp, ShellHarness.LOCAL_INVENTORY), "", Optional.empty());
    }

    private static JsonNode json(ShellHarness h) throws Exception {
        return new ObjectMapper().readTree(h.output());
    }

    @Test
    void hostsReportsEachSelectedHostsConnectionAsJson() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("hosts", "-H", "lab", "-o", "json"))).isEqualTo(ExitCodes.OK);
            JsonNode hosts = json(h).path("hosts");
            assertThat(hosts).hasSize(2);
            assertThat(hosts.get(0).path("host").asText()).isEqualTo("alpha");
            assertThat(hosts.get(0).path("state").asText()).isEqualTo("connected");
            assertThat(hosts.get(0).path("latency_ms").asDouble()).isPositive();
            assertThat(hosts.get(1).path("reconnects").asInt()).isZero();
        }
    }

    @Test
    void hostsWithoutProbeShowsHostsNeverUsedAsNotConnected() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("hosts", "-H", "db-01", "--no-probe", "-o", "json")))
                    .isEqualTo(ExitCodes.OK);
            JsonNode host = json(h).path("hosts").get(0);
            assertThat(host.path("state").asText()).isEqualTo("not connected");
            assertThat(host.path("latency_ms").isNull()).isTrue();
        }
    }

    @Test
    void diskstatsNeedsExactlyOneHost() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("diskstats", "-H", "lab"))).isEqualTo(ExitCodes.USAGE);
            assertThat(h.output()).contains("diskstats shows one host; 'lab' selects 2 hosts (alpha, beta): add -H HOST");
            assertThat(h.shell.execute(List.of("diskstats", "-H", "alpha", "sd$(x)"))).isEqualTo(ExitCodes.USAGE);
            assertThat(h.output()).contains("invalid device name 'sd$(x)'");
        }
    }

    @Test
    void diskstatsOfOneHostAsJson() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("diskstats", "-H", "alpha", "--all", "-o", "json"))).isEqualTo(ExitCodes.OK);
            JsonNode doc = json(h);
            assertThat(doc.path("host").asText()).isEqualTo("alpha");
            assertThat(doc.path("interval_s").asDouble()).isBetween(0.5, 5.0);
            assertThat(doc.path("devices")).isNotEmpty();
            assertThat(doc.path("devices").get(0).has("r_await_ms")).isTrue();
        }
    }

    @Test
    void topRanksTheSelectionsBusyDevicesAsJson() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("top", "-H", "lab", "-n", "3", "-o", "json"))).isEqualTo(ExitCodes.OK);
            JsonNode devices = json(h).path("devices");
            assertThat(devices.size()).isLessThanOrEqualTo(3);
            List<Double> awaits = new ArrayList<>();
            devices.forEach(d -> awaits.add(d.path("max_await_ms").asDouble()));
            assertThat(awaits).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    private static DeviceRates rates(String device, double readAwait, double writeAwait) {
        return new DeviceRates(device, 1, 1, OptionalDouble.empty(), OptionalDouble.of(1), 4, 4, OptionalDouble.empty(),
                0, 0, readAwait, writeAwait, OptionalDouble.empty(), OptionalDouble.of(0.5), 0.1, 10, false, false);
    }

    @Test
    void rankingIsByWorstAwaitThenHostAndDevice() {
        List<TopCommand.Row> rows = List.of(
                new TopCommand.Row("db-02", "hot", rates("nvme0n1", 0.2, 0.3)),
                new TopCommand.Row("db-01", "hot", rates("nvme1n1", 0.1, 9.5)),
                new TopCommand.Row("db-01", "hot", rates("nvme0n1", 0.3, 0.2)),
                new TopCommand.Row("web-01", "warm", rates("sda", 12.0, 1.0)));
        assertThat(TopCommand.rank(rows, 3)).extracting(r -> r.host() + "/" + r.rates().device())
                .containsExactly("web-01/sda", "db-01/nvme1n1", "db-01/nvme0n1");
    }

    @Test
    void runCheckGathersEachHostAndReportsFindingsAsJson() throws Exception {
        try (ShellHarness h = shell()) {
            int code = h.shell.execute(List.of("run-check", "tuned", "-H", "lab", "-o", "json"));
            JsonNode doc = json(h);
            assertThat(doc.path("check").asText()).isEqualTo("tuned");
            assertThat(doc.path("hosts")).hasSize(2);
            JsonNode finding = doc.path("hosts").get(0).path("findings").get(0);
            assertThat(finding.path("subject").asText()).isEqualTo("/etc/tuned/active_profile");
            // this machine may or may not run tuned: the exit status follows the finding
            assertThat(code).isEqualTo(finding.path("level").asText().equals("ok") ? ExitCodes.OK : ExitCodes.DRIFT);
            // the gather refreshed the session's snapshot cache
            assertThat(h.session.cachedModel("beta")).isPresent();
        }
    }

    @Test
    void runCheckRefusesUnknownChecksNamingTheKnownOnes() throws Exception {
        try (ShellHarness h = shell()) {
            assertThat(h.shell.execute(List.of("run-check", "smart"))).isEqualTo(ExitCodes.USAGE);
            assertThat(h.output()).contains("unknown check 'smart' (checks: scheduler, read-ahead, discard, tuned, "
                    + "udev-rules, trim-log)");
        }
    }
}
