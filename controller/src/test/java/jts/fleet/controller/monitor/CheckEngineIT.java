package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check through the real check-read.sh on this machine (LocalTransport): two real /proc/diskstats samples and a
 * textfile. The sampled disk is a loop device the test attaches, not one of the machine's own: those differ between
 * machines (vda, sda, nvme0n1, or none that sysfs links to a device), a loop device can be made on every one.
 */
class CheckEngineIT {

    @Test
    void realSamplesAndTextfile(@TempDir Path dir) throws Exception {
        Environment.requireRoot();
        Environment.requireTool("losetup");
        try (LoopDevices loops = new LoopDevices(dir)) {
            check(dir, loops.attach("check-disk", 16, false));
        }
    }

    private static void check(Path dir, String disk) throws Exception {
        Path textfile = dir.resolve("jts_storage.prom");
        long now = System.currentTimeMillis() / 1000;
        Files.writeString(textfile, "# HELP jts_tuning_drift x\n# TYPE jts_tuning_drift gauge\n"
                + "jts_tuning_drift{device=\"" + disk + "\",attribute=\"read_ahead_kb\",expected=\"128\",actual=\"4096\"} 1\n"
                + "jts_nvme_health_up{device=\"nvme0n1\",tool=\"nvme\"} 1\n"
                + "jts_nvme_percentage_used{device=\"nvme0n1\"} 93\n"
                + "jts_metrics_last_run_timestamp_seconds " + now + "\n");
        HostSpec spec = new HostSpec("local", HostSpec.Connection.LOCAL, "localhost", 22,
                System.getProperty("user.name"), Optional.empty(), Optional.empty(), HostSpec.Become.NONE, List.of(),
                Optional.empty(), WatchEngineTest.POLICY);
        Transport local = new LocalTransport(spec);
        // the disk in tier db: the run must find it in both real samples (its perfdata) and parse them (no UNKNOWN)
        CheckTarget target = new CheckTarget("local", WatchEngineTest.POLICY, Map.of(disk, "db"), Map.of(),
                Map.of(), List.of(), Optional.empty());
        long started = System.nanoTime();
        CheckReport r = new CheckEngine(h -> local, Duration.ofMillis(300), textfile.toString(), RunSettings.defaults(Clock.systemUTC()))
                .run(List.of(target));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("gap honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.render()).contains("CRITICAL local: nvme0n1: 93% of rated endurance used (>= 90)")
                .contains("WARNING local: " + disk + " read_ahead_kb is \"4096\", policy wants \"128\"")
                .doesNotContain("UNKNOWN");
        assertThat(r.perfdata()).as("%s sampled twice from /proc/diskstats and judged in tier db", disk)
                .extracting(PerfValue::tier, PerfValue::metric)
                .contains(tuple("db", "read_await"), tuple("db", "write_await"));
        assertThat(r.exitCode()).isEqualTo(2);

        Files.delete(textfile);
        CheckReport missing = new CheckEngine(h -> local, Duration.ofMillis(100), textfile.toString(),
                RunSettings.defaults(Clock.systemUTC())).run(List.of(target));
        assertThat(missing.render()).contains("UNKNOWN local: " + textfile + " missing");
    }
}
