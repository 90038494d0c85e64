package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.monitor.PromText;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitor install / run-once with the real fixed scripts, as root, writing their real paths inside a private
 * mount namespace (overlays on /etc, /usr/local, /var/lib): no systemd here, so activation reports it absent.
 */
class MonitorInstallIT {

    @Test
    void installIsAtomicIdempotentAndRunOnceShowsTheMetrics(@TempDir Path dir) throws Exception {
        Environment.requireRoot();
        Environment.requireTool("unshare");
        boolean hostHadConfig = Files.exists(Path.of(MonitorUnits.CONFIG));
        OverlayTransport t = new OverlayTransport("db-01", dir);
        MetricsConfig config = new MetricsConfig(MetricsConfig.DEFAULT_TEXTFILE_DIR, MetricsConfig.DEFAULT_STATE_DIR,
                Optional.empty(), 600, MetricsConfig.HealthTool.AUTO, List.of(),
                List.of(new MetricsConfig.DeviceEntry("loop0", "bulk", "loop", "", "", "")),
                List.of(new MetricsConfig.QueueEntry("loop0", "scheduler", "none")),
                List.of(new MetricsConfig.MountEntry("/", "vda", "bulk", "ext4")), List.of(), List.of());
        MonitorEngine engine = MonitorEngine.of(jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC()));

        MonitorEngine.InstallReport dry = engine.install(t, MonitorEngineTest.HOST, config, true);
        assertThat(dry.files()).extracting(FileOutcome::change).containsOnly(FileChange.WOULD_INSTALL);
        assertThat(Files.exists(t.upper(MonitorUnits.SCRIPT))).as("dry run wrote nothing").isFalse();

        MonitorEngine.InstallReport first = engine.install(t, MonitorEngineTest.HOST, config, false);
        assertThat(first.files()).extracting(FileOutcome::change).containsOnly(FileChange.INSTALLED);
        assertThat(first.systemd()).contains(false);
        assertThat(first.warnings()).singleElement().asString().contains("systemd is not running");
        assertThat(Files.readString(t.upper(MonitorUnits.CONFIG))).isEqualTo(config.render());
        assertThat(Files.getPosixFilePermissions(t.upper(MonitorUnits.SCRIPT)).toString()).contains("OWNER_EXECUTE");
        try (var files = Files.list(t.upper(MonitorUnits.SCRIPT).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactly("jts-metrics");
        }

        MonitorEngine.InstallReport second = engine.install(t, MonitorEngineTest.HOST, config, false);
        assertThat(second.files()).extracting(FileOutcome::change).containsOnly(FileChange.UNCHANGED);
        assertThat(second.changed()).isFalse();

        MonitorEngine.RunOnceReport run = engine.runOnce(t, MonitorEngineTest.HOST);
        assertThat(run.scriptExit()).as(run.stderr()).isZero();
        assertThat(PromText.find(run.metrics(), "jts_device_info", Map.of("device", "loop0", "tier", "bulk")))
                .isPresent();
        assertThat(PromText.find(run.metrics(), "jts_mount_info", Map.of("mountpoint", "/"))).isPresent();
        assertThat(PromText.find(run.metrics(), "jts_tuning_drift", Map.of("device", "loop0"))).isPresent();

        // the installer refuses any path outside its fixed list
        ExecResult refused = t.exec(InstallFileScript.text(), List.of("/etc/passwd", "0644",
                "0".repeat(64), "apply"), new byte[0], java.time.Duration.ofSeconds(10), false);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("refusing to write \"/etc/passwd\"");

        assertThat(Files.exists(Path.of(MonitorUnits.CONFIG))).as("this machine's /etc untouched")
                .isEqualTo(hostHadConfig);
    }
}
