package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;
import jts.fleet.remote.stats.DeviceInfo;
import org.junit.jupiter.api.Test;

class CheckEngineTest {
    static final long NOW = WatchEngineTest.CLOCK.instant().getEpochSecond();

    private static String textfile(long lastRun, String extra) {
        return "# HELP x\njts_tuning_drift{device=\"nvme0n1\",attribute=\"scheduler\",expected=\"none\","
                + "actual=\"mq-deadline\"} 1\n"
                + "jts_tuning_drift{device=\"nvme0n1\",attribute=\"read_ahead_kb\",expected=\"16\",actual=\"16\"} 0\n"
                + "jts_nvme_health_up{device=\"nvme0n1\",tool=\"nvme\"} 1\n"
                + "jts_metrics_last_run_timestamp_seconds " + lastRun + "\n" + extra;
    }

    private static String output(String second, String textfile) {
        return WatchEngineTest.sample(100, 0, 0, 0, 0) + "@@jts-check sample\n" + second + "@@jts-check textfile\n"
                + textfile;
    }

    private static CheckTarget target(String host, List<String> trimLog, Optional<List<Finding>> drift) {
        return new CheckTarget(host, WatchEngineTest.POLICY, Map.of("nvme0n1", "db"),
                Map.of("nvme0n1", new DeviceInfo(true, false)), Map.of("/var/lib/db", "db"), trimLog, drift);
    }

    private static String trimLine(long ts, String result) {
        return "{\"ts\":" + ts + ",\"host\":\"h\",\"mount\":\"/var/lib/db\",\"result\":\"" + result
                + "\",\"bytes\":1000,\"duration_s\":1.5,\"reason\":\"" + (result.equals("failed") ? "EIO" : "")
                + "\"}";
    }

    private CheckReport run(Map<String, Transport> transports, List<CheckTarget> targets) throws Exception {
        return new CheckEngine(transports::get, Duration.ofMillis(10), "/var/lib/prometheus/node-exporter/"
                + "jts_storage.prom", RunSettings.defaults(WatchEngineTest.CLOCK)).run(targets);
    }

    @Test
    void healthyHostIsOk() throws Exception {
        String text = "jts_nvme_health_up{device=\"nvme0n1\",tool=\"nvme\"} 1\n"
                + "jts_nvme_percentage_used{device=\"nvme0n1\"} 3\n"
                + "jts_metrics_last_run_timestamp_seconds " + (NOW - 30) + "\n";
        Transport t = FakeTransport.answering("ok", output(WatchEngineTest.sample(101, 100, 50, 100, 50), text));
        CheckReport r = run(Map.of("ok", t), List.of(target("ok", List.of(trimLine(NOW - 86400, "ok")),
                Optional.empty())));
        assertThat(r.exitCode()).as(r.render()).isZero();
        assertThat(r.render()).startsWith("JTS-FLEET STORAGE OK - 0 critical, 0 warning, 0 unknown on 1 host | "
                + "'db_read_await_ms'=0.5ms;2;5 'db_write_await_ms'=0.5ms;2;5 'db_flush_await_ms'=0.5ms;1;3\n")
                .contains("OK ok: latency within tier SLOs");
        var json = r.json();
        assertThat(json.path("status").asText()).isEqualTo("OK");
        assertThat(json.path("exit_code").asInt()).isZero();
        assertThat(json.at("/perfdata/0/label").asText()).isEqualTo("db_read_await_ms");
        assertThat(json.at("/perfdata/0/value_ms").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/perfdata/0/crit_ms").asDouble()).isEqualTo(5.0);
    }

    @Test
    void latencyHealthDriftAndTrimFindings() throws Exception {
        String extra = "jts_nvme_percentage_used{device=\"nvme0n1\"} 85\n"
                + "jts_nvme_critical_warning{device=\"nvme0n1\",bit=\"temperature\"} 1\n"
                + "jts_nvme_critical_warning{device=\"nvme0n1\",bit=\"spare\"} 0\n"
                + "jts_nvme_available_spare_ratio{device=\"nvme0n1\"} 0.05\n"
                + "jts_nvme_available_spare_threshold_ratio{device=\"nvme0n1\"} 0.1\n";
        // 1 s: 1000 reads at 3 ms (warning), 100 writes at 8 ms (critical), 10 flushes at 8 ms (critical)
        Transport t = FakeTransport.answering("db-01", output(WatchEngineTest.sample(101, 1000, 3000, 100, 800),
                textfile(NOW - 60, extra)));
        CheckReport r = run(Map.of("db-01", t), List.of(target("db-01",
                List.of(trimLine(NOW - 10 * 86400, "ok"), trimLine(NOW - 3600, "failed")), Optional.empty())));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.render().lines().toList()).containsExactly(
                "JTS-FLEET STORAGE CRITICAL - 4 critical, 5 warning, 0 unknown on 1 host | 'db_read_await_ms'=3ms;2;5"
                        + " 'db_write_await_ms'=8ms;2;5 'db_flush_await_ms'=8ms;1;3",
                "CRITICAL db-01: nvme0n1 (db): w_await 8.00 ms > 5 ms over 1.0 s",
                "CRITICAL db-01: nvme0n1 (db): f_await 8.00 ms > 3 ms over 1.0 s",
                "CRITICAL db-01: nvme0n1: critical warning bit temperature set",
                "CRITICAL db-01: nvme0n1: available spare 5% at or below threshold 10%",
                "WARNING db-01: nvme0n1 (db): r_await 3.00 ms > 2 ms over 1.0 s",
                "WARNING db-01: nvme0n1: 85% of rated endurance used (>= 80)",
                "WARNING db-01: nvme0n1 scheduler is \"mq-deadline\", policy wants \"none\"",
                "WARNING db-01: /var/lib/db (db): TRIM overdue, last success 10.0 days ago (limit 7)",
                "WARNING db-01: /var/lib/db: last TRIM failed: EIO");
    }

    @Test
    void unreachableMissingTextfileAndStaleTimerAreUnknownOrWarning() throws Exception {
        Transport down = new FakeTransport("down", (s, a, i) -> {
            throw new TransportException(FailureClass.UNREACHABLE, "down: connect to 127.0.0.1:2 refused");
        });
        Transport bare = FakeTransport.answering("bare", output(WatchEngineTest.sample(101, 0, 0, 0, 0), ""));
        Transport stale = FakeTransport.answering("stale", output(WatchEngineTest.sample(101, 0, 0, 0, 0),
                textfile(NOW - 3600, "")));
        List<Finding> drift = List.of(new Finding("stale", Severity.WARNING, "sda read_ahead_kb 8192 != 128"));
        CheckReport r = run(Map.of("down", down, "bare", bare, "stale", stale), List.of(
                target("down", List.of(), Optional.empty()),
                target("bare", List.of(), Optional.empty()),
                target("stale", List.of(trimLine(NOW, "ok")), Optional.of(drift))));
        assertThat(r.exitCode()).as("warnings outrank unknowns").isEqualTo(1);
        assertThat(r.render()).contains("UNKNOWN down: unreachable: down: connect to 127.0.0.1:2 refused")
                .contains("UNKNOWN bare: /var/lib/prometheus/node-exporter/jts_storage.prom missing")
                .contains("WARNING stale: /var/lib/prometheus/node-exporter/jts_storage.prom is 60 min old")
                .contains("WARNING stale: sda read_ahead_kb 8192 != 128")
                .doesNotContain("scheduler is"); // explicit drift findings replace the textfile's
        // an unreachable host says only that: nothing else about it is known
        assertThat(r.findings().stream().filter(f -> f.host().equals("down"))).hasSize(1);
        assertThat(r.render()).contains("WARNING bare: /var/lib/db (db): never trimmed successfully").isNotNull();
    }

    @Test
    void garbageIsUnknownNamingTheHost() throws Exception {
        Transport t = FakeTransport.answering("g", "hello\n");
        CheckReport r = run(Map.of("g", t), List.of(target("g", List.of(trimLine(NOW, "ok")), Optional.empty())));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.render()).contains("UNKNOWN g: g: check read output is truncated");
        assertThat(Instant.ofEpochSecond(NOW)).isEqualTo(WatchEngineTest.CLOCK.instant());
    }
}
