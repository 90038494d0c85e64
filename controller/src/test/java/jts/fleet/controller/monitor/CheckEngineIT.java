package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check through the real check-read.sh on this machine (LocalTransport): two real samples and a textfile. */
class CheckEngineIT {

    @Test
    void realSamplesAndTextfile(@TempDir Path dir) throws Exception {
        String disk = aDiskOfThisMachine();
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
        // the disk in tier db: whatever its latency over 300 ms, the run must parse two real samples
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
        assertThat(r.exitCode()).isEqualTo(2);

        Files.delete(textfile);
        CheckReport missing = new CheckEngine(h -> local, Duration.ofMillis(100), textfile.toString(),
                RunSettings.defaults(Clock.systemUTC())).run(List.of(target));
        assertThat(missing.render()).contains("UNKNOWN local: " + textfile + " missing");
    }

    /**
     * A disk this machine really has (vda here, sda or nvme0n1 elsewhere): a /sys/block entry backed by a device and
     * not removable (a VM's CD-ROM, sr0, sorts before vda).
     */
    private static String aDiskOfThisMachine() throws IOException {
        try (Stream<Path> disks = Files.list(Path.of("/sys/block"))) {
            Optional<String> disk = disks.filter(d -> Files.exists(d.resolve("device")))
                    .filter(d -> !"1".equals(readQuietly(d.resolve("removable"))))
                    .map(d -> d.getFileName().toString()).sorted().findFirst();
            jts.fleet.remote.testing.Environment.require(disk.isPresent(), "a fixed disk with a device in /sys/block");
            return disk.get();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
