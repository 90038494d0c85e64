package jts.fleet.controller.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliRun;

/**
 * A host whose sysfs model string and mount points carry control characters (a raw ESC that sets the terminal
 * title and colour, a newline that would start a line of Nagios output, text that looks like octal escapes).
 * They reached `check` raw, a newline in a mount point made `trim` fail the whole host as an internal error and
 * a raw ESC in one sysfs file rejected the whole host. Now they are data: shown escaped in text, exact in JSON,
 * never a reason to fail the host, never on a command line.
 */
class HostileNamesTest {
    private static final String RAW_TITLE = "\u001b]0;pwned\u0007\u001b[31m";
    private static final String SHOWN_TITLE = "\\x1b]0;pwned\\x07\\x1b[31m";

    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void hostileHost() throws Exception {
        Path root = dir.resolve("evil");
        inventory = Files.writeString(dir.resolve("inventory.yaml"), HostileHost.inventory(root));
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--inventory", inventory.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Nothing a terminal acts on, no internal error, no forged line. */
    private static void assertSafe(String command, CliRun run) {
        for (String stream : List.of(run.out(), run.err())) {
            for (int i = 0; i < stream.length(); i++) {
                char c = stream.charAt(i);
                boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c <= 0x9f);
                assertThat(control).as("%s printed control character 0x%02x at %d:%n%s", command, (int) c, i, run)
                        .isFalse();
            }
            assertThat(stream.lines()).as(command + ": a forged line\n" + run)
                    .noneMatch(l -> l.startsWith("CRITICAL - fake"));
        }
        assertThat(run.err()).as(command + "\n" + run).doesNotContain("internal error");
        if (!command.equals("check")) { // a Nagios plugin: 1 is WARNING there
            assertThat(run.exitCode()).as(command + "\n" + run).isNotEqualTo(ExitCodes.SOFTWARE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "check", "plan", "verify", "apply --dry-run", "snapshot --out snap"})
    void everyCommandShowsHostileNamesEscapedAndKeepsTheHost(String command) {
        String[] words = command.replace("snap", dir.resolve("snap").toString()).split(" ");
        CliRun run = run(words);
        assertSafe(command, run);
        assertThat(run.err()).as(command + "\n" + run).doesNotContain("evil: failed").doesNotContain("command:");
    }

    @Test
    void statusShowsTheNamesWrittenOutAndJsonKeepsThemExact() throws Exception {
        CliRun text = run("status");
        assertSafe("status", text);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.OK);
        // cells are cut to the terminal's width: their start is enough to see the names written out
        assertThat(text.out()).contains("\\x1b]0;pwned").contains("/data/\\x1b]0;pw").contains("/data/line\\nCRI");
        CliRun check = run("check");
        assertSafe("check", check);
        assertThat(check.out()).contains("/data/" + SHOWN_TITLE + "red").contains("/data/line\\nCRITICAL - fake");

        CliRun json = run("status", "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCodes.OK);
        JsonNode host = new ObjectMapper().readTree(json.out()).path("hosts").get(0);
        assertThat(host.path("devices").get(0).path("model").asText()).isEqualTo(RAW_TITLE + "EVIL MODEL");
        List<String> mounts = new ArrayList<>();
        host.path("mounts").forEach(m -> mounts.add(m.path("path").asText()));
        assertThat(mounts).contains("/data/" + RAW_TITLE + "red", "/data/line\nCRITICAL - fake",
                "/data/looks\\033]0;octal\\007");
        assertThat(json.out()).doesNotContain("\u001b").contains("\\u001B]0;pwned");
    }

    /**
     * trim and monitor install act on the machine itself and refuse a fixture host, so their part is checked on the
     * gathered model: a mount point with a line break made trim's config fail the whole host as an internal error;
     * now it is left out of the trim and metrics configs with the reason, which is shown written out.
     */
    @Test
    void trimAndMetricsConfigsLeaveOutAMountPointThatIsNotPlainAndSaySo() throws Exception {
        jts.fleet.inventory.Inventory inv = jts.fleet.inventory.InventoryLoader.standard().load(Optional.of(inventory));
        jts.fleet.inventory.HostSpec host = inv.host("evil").orElseThrow();
        jts.fleet.remote.model.StorageModel model = jts.fleet.controller.gather.HostGather.model(
                new jts.fleet.controller.transport.LocalTransport(host), host, java.time.Duration.ofSeconds(30));
        String cut = "/data/line\nCRITICAL - fake";
        var trim = jts.fleet.controller.trim.TrimEngine.of(
                jts.fleet.controller.fleet.RunSettings.defaults(java.time.Clock.systemUTC()));
        var plan = trim.installPlan(host, model, Optional.empty());
        assertThat(plan.config().mounts()).doesNotContain(cut).contains("/data/looks\\033]0;octal\\007");
        assertThat(plan.leftOut()).containsKey(cut);
        var report = new jts.fleet.controller.trim.RunReport("evil", jts.fleet.controller.trim.RunReport.Mode.PUSHED, 0,
                List.of(), "", java.time.Duration.ZERO).withLeftOut(plan.leftOut(), java.time.Instant.now());
        String shown = String.join("\n", jts.fleet.controller.trim.TrimViews.text(report));
        assertThat(shown).contains("/data/line\\nCRITICAL - fake").contains("control characters")
                .doesNotContain("\u001b");

        var metrics = jts.fleet.remote.monitor.MetricsConfig.forHost(model, host.policy(),
                jts.fleet.remote.monitor.MetricsConfig.DEFAULT_TEXTFILE_DIR,
                jts.fleet.remote.monitor.MetricsConfig.DEFAULT_STATE_DIR);
        assertThat(metrics.render()).doesNotContain("\u001b").doesNotContain("CRITICAL - fake");
    }
}
