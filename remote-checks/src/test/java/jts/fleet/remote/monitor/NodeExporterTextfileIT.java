package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.remote.monitor.MetricsConfig.CanaryEntry;
import jts.fleet.remote.monitor.MetricsConfig.DeviceEntry;
import jts.fleet.remote.monitor.MetricsConfig.HealthTool;
import jts.fleet.remote.monitor.MetricsConfig.MountEntry;
import jts.fleet.remote.monitor.MetricsConfig.QueueEntry;
import jts.fleet.remote.monitor.PromText.PromSample;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host script's textfile, scraped by a real prometheus-node-exporter with only the textfile collector:
 * proves the file is accepted (a malformed file would surface as node_textfile_scrape_error 1 and no jts_*).
 */
class NodeExporterTextfileIT {

    @Test
    void nodeExporterServesTheJtsMetrics(@TempDir Path dir) throws Exception {
        Path exporter = Environment.requireTool("prometheus-node-exporter");
        Path mnt = Files.createDirectories(dir.resolve("dbmount"));
        HostTree t = new HostTree(dir)
                .queue("nvme0n1", "scheduler", "[none] mq-deadline")
                .mounted("nvme0n1p1", mnt.toString(), "ext4")
                .fakeTool("nvme", "nvme-cli-2.x.json", 0);
        MetricsConfig config = new MetricsConfig(t.textfileDir, t.stateDir, Optional.of(t.sysroot), 600,
                HealthTool.NVME, List.of(),
                List.of(new DeviceEntry("nvme0n1", "db", "nvme", "SAMSUNG MZQL23T8", "S64H", "eui.0025")),
                List.of(new QueueEntry("nvme0n1", "scheduler", "none")),
                List.of(new MountEntry(mnt.toString(), "nvme0n1p1", "db", "ext4")),
                List.of(new CanaryEntry(mnt.toString(), "db")), List.of("nvme0n1"));
        HostTree.Result run = t.run(t.writeConfig(config));
        assertThat(run.exit()).as(run.stderr()).isZero();

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(exporter.toString(), "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + t.textfileDir, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("exporter.log").toFile()).start();
        try {
            String body = scrape(port, p, dir.resolve("exporter.log"));
            List<PromSample> s = PromText.parse("node_exporter /metrics", body.lines()
                    .filter(l -> l.startsWith("jts_") || l.startsWith("node_textfile_scrape_error")).reduce("",
                            (a, b) -> a + b + "\n"));
            assertThat(PromText.find(s, "node_textfile_scrape_error", Map.of())).get()
                    .extracting(PromSample::value).isEqualTo(0.0);
            assertThat(PromText.find(s, "jts_device_info", Map.of("device", "nvme0n1", "tier", "db"))).isPresent();
            assertThat(PromText.find(s, "jts_mount_info", Map.of("mountpoint", mnt.toString()))).isPresent();
            assertThat(PromText.find(s, "jts_tuning_drift", Map.of("attribute", "scheduler")).get().value()).isZero();
            assertThat(PromText.find(s, "jts_nvme_percentage_used", Map.of("device", "nvme0n1")).get().value())
                    .isEqualTo(91);
            assertThat(PromText.find(s, "jts_canary_read_seconds_count", Map.of("tier", "db")).get().value())
                    .isEqualTo(1);
        } finally {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static String scrape(int port, Process exporter, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!exporter.isAlive()) {
                throw new AssertionError("node_exporter exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node_exporter on port " + port + " did not answer: " + last + "\n"
                + Files.readString(log));
    }
}
