package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.remote.monitor.MetricsConfig.CanaryEntry;
import jts.fleet.remote.monitor.MetricsConfig.DeviceEntry;
import jts.fleet.remote.monitor.MetricsConfig.HealthTool;
import jts.fleet.remote.monitor.MetricsConfig.MountEntry;
import jts.fleet.remote.monitor.MetricsConfig.QueueEntry;
import jts.fleet.remote.monitor.PromText.PromSample;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the shipped jts-metrics.sh (POSIX sh, awk, dd) against fixture trees and fake SMART tools. */
class JtsMetricsScriptTest {

    private static MetricsConfig config(HostTree t, HealthTool tool, List<BlackoutWindow> blackout,
                                        List<CanaryEntry> canaries) {
        return new MetricsConfig(t.textfileDir, t.stateDir, Optional.of(t.sysroot), 600, tool, blackout,
                List.of(new DeviceEntry("nvme0n1", "db", "nvme", "SAMSUNG \"PM9A3\"", "S64H123", "eui.0025388"),
                        new DeviceEntry("sda", "bulk", "hdd", "ST4000NM", "ZC1", "")),
                List.of(new QueueEntry("nvme0n1", "scheduler", "none"),
                        new QueueEntry("nvme0n1", "read_ahead_kb", "16"),
                        new QueueEntry("sda", "scheduler", "mq-deadline"),
                        new QueueEntry("sdz", "scheduler", "none")),
                List.of(new MountEntry("/var/lib/db", "nvme0n1p1", "db", "xfs"),
                        new MountEntry("/srv/old data", "sda1", "bulk", "ext4"),
                        new MountEntry("/not/mounted", "sda2", "bulk", "ext4")),
                canaries, List.of("nvme0n1"));
    }

    private static HostTree tree(Path dir) throws IOException {
        return new HostTree(dir)
                .queue("nvme0n1", "scheduler", "[mq-deadline] kyber none")
                .queue("nvme0n1", "read_ahead_kb", "16")
                .queue("sda", "scheduler", "none [mq-deadline] bfq")
                .mounted("nvme0n1p1", "/var/lib/db", "xfs")
                .mounted("sda1", "/srv/old data", "ext4");
    }

    private static double value(List<PromSample> samples, String name, Map<String, String> labels) {
        return PromText.find(samples, name, labels)
                .orElseThrow(() -> new AssertionError("no " + name + labels + " in output:\n" + samples)).value();
    }

    @Test
    void identityMountsAndDriftFromConfigAndSysfs(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-1.x.json", 0);
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.NVME, List.of(), List.of())));
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<PromSample> s = PromText.parse("jts_storage.prom", r.prom());

        assertThat(value(s, "jts_device_info", Map.of("device", "nvme0n1", "tier", "db", "class", "nvme",
                "model", "SAMSUNG \"PM9A3\"", "serial", "S64H123", "wwn", "eui.0025388"))).isEqualTo(1);
        assertThat(value(s, "jts_mount_info", Map.of("mountpoint", "/srv/old data", "tier", "bulk"))).isEqualTo(1);
        assertThat(PromText.find(s, "jts_mount_info", Map.of("mountpoint", "/not/mounted"))).isEmpty();

        assertThat(value(s, "jts_tuning_drift", Map.of("device", "nvme0n1", "attribute", "scheduler",
                "expected", "none", "actual", "mq-deadline"))).isEqualTo(1);
        assertThat(value(s, "jts_tuning_drift", Map.of("device", "nvme0n1", "attribute", "read_ahead_kb",
                "actual", "16"))).isZero();
        assertThat(value(s, "jts_tuning_drift", Map.of("device", "sda", "actual", "mq-deadline"))).isZero();
        // a device that vanished cannot be read: that is drift too, said plainly
        assertThat(value(s, "jts_tuning_drift", Map.of("device", "sdz", "actual", "unreadable"))).isEqualTo(1);
        assertThat(value(s, "jts_tuning_drifted_attributes", Map.of())).isEqualTo(2);
        assertThat(Files.list(t.textfileDir).map(p -> p.getFileName().toString()))
                .as("atomic write leaves no temporary file").containsExactly("jts_storage.prom");
    }

    @Test
    void trimConfiguredSinceIsTheTrimConfigsChangeTime(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-1.x.json", 0);
        Path conf = t.writeConfig(config(t, HealthTool.NVME, List.of(), List.of()));
        HostTree.Result without = t.run(conf);
        assertThat(PromText.find(PromText.parse("jts_storage.prom", without.prom()),
                "jts_trim_configured_timestamp_seconds", Map.of())).as("no trim config, no series").isEmpty();

        Path trimConf = Files.createDirectories(t.sysroot.resolve("etc/jts-fleet")).resolve("trim.conf");
        Files.writeString(trimConf, "jts-trim-config 1\nhost db-01\nmount /var/lib/db\nmount /srv/old data\n");
        Files.setLastModifiedTime(trimConf, java.nio.file.attribute.FileTime.fromMillis(1_764_000_000_000L));
        HostTree.Result r = t.run(conf);
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<PromSample> s = PromText.parse("jts_storage.prom", r.prom());
        assertThat(value(s, "jts_trim_configured_timestamp_seconds", Map.of("mount", "/var/lib/db")))
                .isEqualTo(1_764_000_000);
        assertThat(value(s, "jts_trim_configured_timestamp_seconds", Map.of("mount", "/srv/old data")))
                .isEqualTo(1_764_000_000);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({
            // fixture,                tool,     exit, used, spare, thresh, media, celsius, bits set
            "nvme-cli-1.x.json,         nvme,     0,    12,   0.97,  0.1,    0,     37,      temperature",
            "nvme-cli-2.x.json,         nvme,     0,    91,   0.08,  0.1,    7,     35,      spare reliability",
            "nvme-cli-2.x-celsius.json, nvme,     0,    1,    1,     0.05,   0,     36,      ''",
            "smartctl-7.3.json,         smartctl, 4,    83,   1,     0.1,    2,     41,      ''",
    })
    void nvmeHealthIsNormalisedWhateverTheToolVersion(String fixture, String tool, int exit, double used,
                                                        double spare, double thresh, double media, double celsius,
                                                        String bits, @TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool(tool, fixture, exit);
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.valueOf(tool.toUpperCase()), List.of(),
                List.of())));
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<PromSample> s = PromText.parse(fixture, r.prom());
        Map<String, String> dev = Map.of("device", "nvme0n1");
        assertThat(value(s, "jts_nvme_health_up", dev)).isEqualTo(1);
        assertThat(value(s, "jts_nvme_percentage_used", dev)).isEqualTo(used);
        assertThat(value(s, "jts_nvme_available_spare_ratio", dev)).isEqualTo(spare);
        assertThat(value(s, "jts_nvme_available_spare_threshold_ratio", dev)).isEqualTo(thresh);
        assertThat(value(s, "jts_nvme_media_errors_total", dev)).isEqualTo(media);
        assertThat(value(s, "jts_nvme_temperature_celsius", dev)).isEqualTo(celsius);
        Set<String> expectedBits = bits.isBlank() ? Set.of() : Set.of(bits.split(" "));
        for (String bit : List.of("spare", "temperature", "reliability", "read_only", "volatile_memory_backup",
                "pmr_read_only")) {
            assertThat(value(s, "jts_nvme_critical_warning", Map.of("device", "nvme0n1", "bit", bit)))
                    .as("bit %s", bit).isEqualTo(expectedBits.contains(bit) ? 1 : 0);
        }
        assertThat(t.calls()).containsExactly(tool.equals("nvme") ? "nvme smart-log -o json /dev/nvme0n1"
                : "smartctl -j -a /dev/nvme0n1");
    }

    @Test
    void smartctlFatalExitBitsMeanNoData(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool("smartctl", "smartctl-7.3.json", 2);
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.SMARTCTL, List.of(), List.of())));
        List<PromSample> s = PromText.parse("prom", r.prom());
        assertThat(value(s, "jts_nvme_health_up", Map.of("device", "nvme0n1"))).isZero();
        assertThat(PromText.find(s, "jts_nvme_percentage_used", Map.of())).isEmpty();
    }

    @Test
    void healthIsPolledRarelyAndKeptBetweenPolls(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-2.x.json", 0);
        Path conf = t.writeConfig(config(t, HealthTool.NVME, List.of(), List.of()));
        t.run(conf);
        HostTree.Result second = t.run(conf);
        assertThat(t.calls()).as("second run within 600 s must not poll").hasSize(1);
        assertThat(value(PromText.parse("prom", second.prom()), "jts_nvme_percentage_used",
                Map.of("device", "nvme0n1"))).as("last poll's values re-emitted").isEqualTo(91);
        Files.writeString(t.stateDir.resolve("health.last"), "1\n"); // long ago
        t.run(conf);
        assertThat(t.calls()).hasSize(2);
    }

    @Test
    void neverPollsDuringBlackout(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-1.x.json", 0);
        // every day, 00:00 to 23:59 and over midnight from 23:59 to 00:00: always inside
        BlackoutWindow always = new BlackoutWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
                LocalTime.of(23, 59), ZoneId.of("UTC"));
        BlackoutWindow lastMinute = new BlackoutWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(23, 59),
                LocalTime.MIDNIGHT, ZoneId.of("UTC"));
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.NVME, List.of(always, lastMinute),
                List.of())));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(t.calls()).isEmpty();
        assertThat(value(PromText.parse("prom", r.prom()), "jts_metrics_blackout", Map.of())).isEqualTo(1);
    }

    @Test
    void canaryHistogramIsCumulativeAcrossRuns(@TempDir Path dir) throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("dbmount"));
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-1.x.json", 0);
        List<CanaryEntry> canaries = List.of(new CanaryEntry(mnt.toString(), "db"));
        Path conf = t.writeConfig(config(t, HealthTool.NVME, List.of(), canaries));
        t.run(conf);
        t.run(conf);
        HostTree.Result r = t.run(conf);
        List<PromSample> s = PromText.parse("prom", r.prom());
        Map<String, String> l = Map.of("mountpoint", mnt.toString(), "tier", "db");
        assertThat(value(s, "jts_canary_up", l)).isEqualTo(1);
        assertThat(value(s, "jts_canary_read_seconds_count", l)).isEqualTo(3);
        assertThat(value(s, "jts_canary_read_seconds_bucket", Map.of("mountpoint", mnt.toString(), "le", "+Inf")))
                .isEqualTo(3);
        assertThat(value(s, "jts_canary_read_seconds_sum", l)).isPositive().isLessThan(3.0);
        assertThat(Files.size(mnt.resolve(".jts-canary"))).isEqualTo(4096);
    }

    /** The metrics records are whole or ignored: a cut or damaged line never becomes a wrong histogram. */
    @Test
    void aCutCanaryRecordRestartsOnlyItsHistogram(@TempDir Path dir) throws Exception {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path cut = Files.createDirectories(dir.resolve("cut"));
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-1.x.json", 0);
        Path conf = t.writeConfig(config(t, HealthTool.NVME, List.of(),
                List.of(new CanaryEntry(kept.toString(), "db"), new CanaryEntry(cut.toString(), "db"))));
        t.run(conf);
        t.run(conf);
        Path state = t.stateDir.resolve("canary.state");
        List<String> lines = Files.readAllLines(state);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("\tend"));
        // the "cut" record loses its end (a crash while the file was written by hand, a disk error)
        List<String> damaged = lines.stream().map(l -> l.startsWith(cut + "\t") ? l.substring(0, l.length() - 6) : l)
                .toList();
        Files.write(state, damaged);
        HostTree.Result r = t.run(conf);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("is not a whole record: its histogram restarts");
        List<PromSample> s = PromText.parse("prom", r.prom());
        assertThat(value(s, "jts_canary_read_seconds_count", Map.of("mountpoint", kept.toString()))).isEqualTo(3);
        assertThat(value(s, "jts_canary_read_seconds_count", Map.of("mountpoint", cut.toString()))).isEqualTo(1);
    }

    @Test
    void canaryOnAMountThatIsGoneReportsDown(@TempDir Path dir) throws Exception {
        // (tmpfs would be the classic O_DIRECT refusal, but kernels since 6.6 accept O_DIRECT on tmpfs)
        Path gone = dir.resolve("unmounted");
        HostTree t = tree(dir);
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.NVME, List.of(),
                List.of(new CanaryEntry(gone.toString(), "db")))));
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<PromSample> s = PromText.parse("prom", r.prom());
        assertThat(value(s, "jts_canary_up", Map.of("mountpoint", gone.toString()))).isZero();
        assertThat(value(s, "jts_canary_read_seconds_count", Map.of("mountpoint", gone.toString()))).isZero();
    }

    @Test
    void outputPassesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
        Path promtool = Environment.requireTool("promtool");
        Path mnt = Files.createDirectories(dir.resolve("dbmount"));
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-2.x.json", 0);
        HostTree.Result r = t.run(t.writeConfig(config(t, HealthTool.NVME, List.of(),
                List.of(new CanaryEntry(mnt.toString(), "db")))));
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .redirectInput(t.textfileDir.resolve("jts_storage.prom").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("promtool check metrics:\n%s\n--- input:\n%s", out, r.prom()).isZero();
    }

    @Test
    void scriptIsShellcheckClean() throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        Path script = Files.createTempFile("jts-metrics", ".sh");
        try {
            Files.writeString(script, MetricsConfig.script());
            Process p = new ProcessBuilder(shellcheck.toString(), "-s", "sh", script.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void missingConfigIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        HostTree t = tree(dir);
        HostTree.Result r = t.run(dir.resolve("nope.conf"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("cannot read config " + dir.resolve("nope.conf"));
    }

    /** The script runs every minute on every host: it must stay cheap. Prints the measured CPU per run. */
    @Test
    void cpuPerRunIsSmall(@TempDir Path dir) throws Exception {
        Path time = Path.of("/usr/bin/time");
        Environment.require(Files.isExecutable(time), "/usr/bin/time (GNU time) is installed");
        Path mnt = Files.createDirectories(dir.resolve("dbmount"));
        HostTree t = tree(dir).fakeTool("nvme", "nvme-cli-2.x.json", 0);
        Path conf = t.writeConfig(config(t, HealthTool.NVME, List.of(), List.of(new CanaryEntry(mnt.toString(),
                "db"))));
        t.run(conf); // first run polls health and writes the canary file
        Path script = dir.resolve("jts-metrics.sh");
        int runs = 10;
        StringBuilder loop = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            loop.append("sh '").append(script).append("' '").append(conf).append("'\n");
        }
        Process p = new ProcessBuilder(time.toString(), "-f", "%U %S", "sh", "-c", loop.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        String[] last = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        double cpuPerRun = (Double.parseDouble(last[0]) + Double.parseDouble(last[1])) / runs;
        System.out.printf(java.util.Locale.ROOT, "[jts-metrics] CPU per run (user+sys, children included): %.1f ms%n",
                cpuPerRun * 1000);
        // about 14 ms measured (README; scripts/bench for the number): 10x that is a bound, not a speed goal
        assertThat(cpuPerRun).as("CPU seconds per run").isLessThan(0.15);
    }
}
