package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.MonitorInstall;
import jts.fleet.remote.monitor.MonitorUnits;
import org.junit.jupiter.api.Test;

/** The install/run-once protocol against scripted answers; the scripts themselves run in MonitorInstallIT. */
class MonitorEngineTest {
    static final HostSpec HOST = new HostSpec("db-01", HostSpec.Connection.LOCAL, "localhost", 22, "root",
            Optional.empty(), Optional.empty(), HostSpec.Become.NONE, List.of(), Optional.empty(),
            SshdFixture.emptyPolicy());
    static final MetricsConfig CONFIG = new MetricsConfig(Path.of("/var/lib/prometheus/node-exporter"),
            Path.of("/var/lib/jts-fleet/metrics"), Optional.empty(), 600, MetricsConfig.HealthTool.AUTO, List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of());

    static ExecResult ok(String out) {
        return new ExecResult(0, out.getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(1));
    }

    @Test
    void installPushesFourFilesWithHashesThenActivates() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        FakeTransport t = new FakeTransport("db-01", (script, args, stdin) -> {
            calls.add(args);
            if (script.equals(MonitorInstall.activateScript())) {
                return ok("systemd present\nnext Thu 2026-11-26 05:01:00 UTC\n");
            }
            // first file unchanged, the others installed
            return ok((calls.size() == 1 ? "unchanged " : "installed ") + args.get(2) + "\n");
        });
        MonitorEngine.InstallReport r = MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).install(t, HOST, CONFIG, false);
        assertThat(r.files()).extracting(FileOutcome::path).containsExactly(MonitorUnits.SCRIPT,
                MonitorUnits.CONFIG, MonitorUnits.SERVICE, MonitorUnits.TIMER);
        assertThat(r.files()).extracting(FileOutcome::change)
                .containsExactly(FileChange.UNCHANGED, FileChange.INSTALLED, FileChange.INSTALLED, FileChange.INSTALLED);
        assertThat(calls.get(0)).containsExactly(MonitorUnits.SCRIPT, "0755",
                MonitorInstall.files("db-01", CONFIG).get(0).sha256(), "apply");
        assertThat(r.systemd()).contains(true);
        assertThat(r.next()).isEqualTo("Thu 2026-11-26 05:01:00 UTC");
        assertThat(r.changed()).isTrue();
    }

    @Test
    void dryRunSendsNoContentAndDoesNotActivate() throws Exception {
        List<Integer> stdinSizes = new ArrayList<>();
        FakeTransport t = new FakeTransport("db-01", (script, args, stdin) -> {
            stdinSizes.add(stdin.length);
            return ok("would-install " + args.get(2) + "\n");
        });
        MonitorEngine.InstallReport r = MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).install(t, HOST, CONFIG, true);
        assertThat(stdinSizes).containsExactly(0, 0, 0, 0);
        assertThat(r.systemd()).isEmpty();
        assertThat(t.execCount()).isEqualTo(4);
    }

    @Test
    void refusedOrGarbageAnswersNameHostAndFile() {
        FakeTransport refused = new FakeTransport("db-01", (script, args, stdin) -> new ExecResult(2, new byte[0],
                "install-file: refusing to write\n", Duration.ZERO));
        assertThatThrownBy(() -> MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).install(refused, HOST, CONFIG, false))
                .hasMessage("db-01: install " + MonitorUnits.SCRIPT + ": install-file: refusing to write "
                        + "(exit 2)");
        FakeTransport garbage = FakeTransport.answering("db-01", "installed 1234\n");
        assertThatThrownBy(() -> MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).install(garbage, HOST, CONFIG, false))
                .hasMessageContaining("db-01: install " + MonitorUnits.SCRIPT + ": unexpected answer \"installed 1234\"");
    }

    @Test
    void runOnceParsesTheTextfile() throws Exception {
        FakeTransport t = FakeTransport.answering("db-01", "@@jts-metrics exit 0\n# HELP a b\n"
                + "jts_device_info{device=\"nvme0n1\",tier=\"db\"} 1\njts_tuning_drifted_attributes 0\n");
        MonitorEngine.RunOnceReport r = MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).runOnce(t, HOST);
        assertThat(r.scriptExit()).isZero();
        assertThat(r.metrics()).extracting(m -> m.name()).containsExactly("jts_device_info",
                "jts_tuning_drifted_attributes");
        FakeTransport missing = new FakeTransport("db-01", (s, a, i) -> new ExecResult(3,
                "@@jts-metrics not-installed\n".getBytes(StandardCharsets.UTF_8), "", Duration.ZERO));
        assertThatThrownBy(() -> MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC())).runOnce(missing, HOST))
                .hasMessageContaining("db-01: jts-metrics is not installed");
    }
}
