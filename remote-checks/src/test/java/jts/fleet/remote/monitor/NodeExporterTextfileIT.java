package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        try (Exporter p = Exporter.start(exporter, List.of("--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + t.textfileDir), dir.resolve("exporter.log"))) {
            String body = scrape(p.port(), p.process(), dir.resolve("exporter.log"));
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
        }
    }

    /** A node_exporter of a test and the port it listens on; closing stops it. */
    record Exporter(Process process, int port) implements AutoCloseable {
        private static final Pattern LISTENING =
                Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:([0-9]+)");

        /**
         * Starts {@code exporter} with {@code args} on a port the kernel picks (127.0.0.1:0) and returns it with the
         * port it logs ("Listening on"): no free port is probed and released first, which another process could take
         * in between. Its log goes to {@code log}.
         */
        static Exporter start(Path exporter, List<String> args, Path log) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(exporter.toString()));
            command.addAll(args);
            command.add("--web.listen-address=127.0.0.1:0");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = LISTENING.matcher(Files.readString(log));
                if (m.find()) {
                    return new Exporter(p, Integer.parseInt(m.group(1)));
                }
                if (!p.isAlive()) {
                    throw new AssertionError("node_exporter exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError("node_exporter did not say where it listens within 15 s: "
                    + Files.readString(log));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
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
