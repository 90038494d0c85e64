package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;

/**
 * The cold (NFS) tier's rules and dashboard read node_exporter's mountstats collector: a real
 * prometheus-node-exporter over a recorded NFSv4.1 /proc/self/mountstats must serve every {@code
 * node_mountstats_*} series they name, with the {@code export} and {@code operation} labels they join and filter
 * on, and an export equal to the mount source jts_mount_info carries for network mounts.
 */
class NodeExporterMountstatsIT {
    private static final Pattern SERIES = Pattern.compile("node_mountstats_[a-z_]+");

    @Test
    void everyMountstatsSeriesTheRulesReadIsServed(@TempDir Path dir) throws Exception {
        Path exporter = Environment.requireTool("prometheus-node-exporter");
        Path proc = Files.createDirectories(dir.resolve("proc/4242"));
        Files.createSymbolicLink(dir.resolve("proc/self"), Path.of("4242"));
        for (String file : new String[] {"mountstats", "mountinfo"}) {
            try (InputStream in = getClass().getResourceAsStream("/monitor/mountstats/" + file)) {
                Files.write(proc.resolve(file), in.readAllBytes());
            }
        }
        try (NodeExporterTextfileIT.Exporter p = NodeExporterTextfileIT.Exporter.start(exporter,
                List.of("--collector.disable-defaults", "--collector.mountstats",
                        "--path.procfs=" + dir.resolve("proc")),
                dir.resolve("exporter.log"))) {
            String body = NodeExporterTextfileIT.scrape(p.port(), p.process(), dir.resolve("exporter.log"));
            Set<String> named = new LinkedHashSet<>();
            for (String text : new String[] {AlertRules.render(TestPolicy.TIERS), Dashboard.render(TestPolicy.TIERS)}) {
                Matcher m = SERIES.matcher(text);
                while (m.find()) {
                    named.add(m.group());
                }
            }
            assertThat(named).as("series the nas tier's rules read").contains(
                    "node_mountstats_nfs_operations_request_time_seconds_total",
                    "node_mountstats_nfs_operations_requests_total",
                    "node_mountstats_nfs_operations_transmissions_total",
                    "node_mountstats_nfs_operations_major_timeouts_total");
            for (String series : named) {
                assertThat(body).as("node_exporter serves %s:\n%s", series, Files.readString(dir.resolve("exporter.log")))
                        .containsPattern("(?m)^" + series + "\\{[^}]*export=\"synology.lan:/volume1/backup\"");
            }
            assertThat(body).containsPattern("(?m)^node_mountstats_nfs_operations_requests_total\\{[^}]*operation=\"COMMIT\"");
            assertThat(body).containsPattern("(?m)^node_mountstats_nfs_operations_requests_total\\{[^}]*operation=\"READ\"");
        }
    }
}
