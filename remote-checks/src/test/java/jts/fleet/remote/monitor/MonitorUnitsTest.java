package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jts.fleet.remote.systemd.Unit;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jts.fleet.inventory.testing.Golden;

class MonitorUnitsTest {
    private static final Golden GOLDEN = Golden.under("monitor/golden");


    @Test
    void matchGolden() throws Exception {
        GOLDEN.assertMatches("jts-metrics.service", MonitorUnits.service("db-01").render());
        GOLDEN.assertMatches("jts-metrics.timer", MonitorUnits.timer("db-01").render());
    }

    @Test
    void systemdAnalyzeVerifyAccepts(@TempDir Path dir) throws Exception {
        Path analyze = Environment.requireTool("systemd-analyze");
        // verify resolves ExecStart: point it at a real executable inside the temp dir
        Path script = dir.resolve("jts-metrics");
        Files.writeString(script, MetricsConfig.script());
        script.toFile().setExecutable(true);
        for (Unit u : MonitorUnits.render("db-01")) {
            Files.writeString(dir.resolve(u.fileName()), u.render().replace(MonitorUnits.SCRIPT, script.toString()));
        }
        Process p = new ProcessBuilder(analyze.toString(), "verify",
                dir.resolve(MonitorUnits.SERVICE_NAME).toString(), dir.resolve(MonitorUnits.TIMER_NAME).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).doesNotContain("Unknown key").doesNotContain("Unknown section");
    }
}
