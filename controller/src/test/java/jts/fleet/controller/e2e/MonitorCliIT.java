package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.testing.Environment;

/**
 * monitor install and monitor run-once through the built launcher, for real, on this machine as a local host,
 * inside a private mount namespace whose /etc, /usr/local and /var/lib are overlays: they used to crash on
 * Optional/Duration after the install was done, reporting a finished install as an internal error.
 */
class MonitorCliIT {
    @TempDir
    Path dir;

    @Test
    void installThenRunOnceReportSuccessInTextAndJson() throws Exception {
        Launcher.requireBuilt();
        Environment.requireRoot();
        Environment.requireTool("unshare");
        boolean hostHadConfig = Files.exists(Path.of(MonitorUnits.CONFIG));
        Path inventory = Files.writeString(dir.resolve("inv.yaml"),
                "defaults: {become: none}\nhosts:\n  local: {connection: local}\n");
        Path overlay = dir.resolve("overlay");
        Launcher jts = new Launcher(dir).env("NO_COLOR", "1");

        Launcher.Result install = jts.runInOverlay(overlay, "monitor", "install", "--inventory", inventory.toString());
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("local: changed").contains("installed " + MonitorUnits.CONFIG)
                .contains("local  ok=1  changed=1").doesNotContain("\n  \n");
        assertThat(install.err()).doesNotContain("internal error");
        assertThat(overlay.resolve("up").resolve(MonitorUnits.CONFIG.substring(1))).as("written inside the overlay")
                .exists();

        Launcher.Result again = jts.runInOverlay(overlay, "monitor", "install", "--inventory", inventory.toString(),
                "-o", "json");
        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode doc = JsonSchemas.validate("fleet-run", again.out());
        assertThat(doc.at("/hosts/0/status").asText()).as("nothing left to change").isEqualTo("ok");
        assertThat(doc.at("/hosts/0/files/0/change").asText()).isEqualTo("unchanged");

        Launcher.Result once = jts.runInOverlay(overlay, "monitor", "run-once", "--inventory", inventory.toString(),
                "-o", "json");
        assertThat(once.exit()).as(once.toString()).isZero();
        JsonNode ran = JsonSchemas.validate("fleet-run", once.out());
        assertThat(ran.at("/hosts/0/script_exit").asInt()).isZero();
        assertThat(ran.at("/hosts/0/elapsed").isNumber()).as("a Duration as seconds").isTrue();
        assertThat(ran.at("/hosts/0/textfile").asText()).contains("jts_");

        Launcher.Result text = jts.runInOverlay(overlay, "monitor", "run-once", "--inventory", inventory.toString());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).startsWith("# local (exit 0)");

        assertThat(Files.exists(Path.of(MonitorUnits.CONFIG))).as("this machine's /etc untouched").isEqualTo(hostHadConfig);
        Launcher.Result outside = jts.run("monitor", "run-once", "--inventory", inventory.toString());
        if (!hostHadConfig) {
            assertThat(outside.exit()).as("outside the namespace nothing is installed: %s", outside)
                    .isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(outside.err()).contains("jts-metrics is not installed");
        }
    }
}
