package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The monitor scripts name a value they refuse exactly as given, run by dash (Debian's sh), whose echo builtin would
 * turn a backslash of the value ({@code \n}, {@code \t}, {@code \c}) into a line break, a tab or the end of the
 * message. The values here are what the controller never sends but a hand-edited config or a caller could.
 */
class RefusedValuesScriptTest {
    @TempDir
    Path dir;

    private static String[] dash(String script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("dash", "-c", script, "jts-fleet"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        return new String[] {Integer.toString(p.exitValue()),
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    /** The script exits 2 with {@code message} as its only output, on stderr: nothing after the refusal ran. */
    private static void assertRefused(String script, String message, String... args) throws Exception {
        String[] r = dash(script, args);
        assertThat(r[0]).as(r[2]).isEqualTo("2");
        assertThat(r[1]).as("nothing after the refusal ran").isEmpty();
        assertThat(r[2]).isEqualTo(message + "\n");
    }

    @ParameterizedTest(name = "journal.sh {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "a\\nb        | 10     | jts-journal: refusing unit 'a\\nb': only jts-* units",
            "jts-a\\tb\\c | 10     | jts-journal: refusing unit 'jts-a\\tb\\c': unexpected characters",
            "jts-fstrim   | 1\\c0  | jts-journal: line count must be a number, got '1\\c0'"})
    void journalNamesTheRefusedValueAsGiven(String unit, String lines, String message) throws Exception {
        assertRefused(HostReads.journalScript(), message, unit, lines);
    }

    @ParameterizedTest(name = "diskstats-sample.sh {0}")
    @CsvSource(delimiter = '|', value = {
            "1\\n2 | jts-diskstats: interval must be whole seconds, got '1\\n2'",
            "0     | jts-diskstats: interval must be 1..3600 s, got 0"})
    void diskSamplerNamesTheRefusedValueAsGiven(String interval, String message) throws Exception {
        assertRefused(HostReads.diskSampleScript(), message, interval);
    }

    @ParameterizedTest(name = "watch-stream.sh {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "1\\c00 | 60    | watch-stream: INTERVAL_MS must be a number, got '1\\c00'",
            "1000   | 6\\t0 | watch-stream: LIFETIME_S must be a number, got '6\\t0'",
            "50     | 60    | watch-stream: INTERVAL_MS 100..3600000 and LIFETIME_S 1..86400, got 50 60"})
    void watchSamplerNamesTheRefusedValueAsGiven(String intervalMs, String lifetime, String message)
            throws Exception {
        assertRefused(HostReads.streamScript(), message, intervalMs, lifetime);
    }

    /** jts-metrics.sh skips a bad config line, says which, and goes on with the rest. */
    @Test
    void metricsNamesEachRefusedConfigValueAsGivenAndGoesOn() throws Exception {
        Path sysroot = Files.createDirectories(dir.resolve("sysroot/proc"));
        Files.writeString(sysroot.resolve("mounts"), "");
        Path conf = dir.resolve("metrics.conf");
        Files.writeString(conf, String.join("\n",
                "textfile_dir\t" + dir.resolve("textfile"),
                "state_dir\t" + dir.resolve("state"),
                "sysroot\t" + dir.resolve("sysroot"),
                "health_poll_seconds\t0",
                "health_tool\tnone",
                "blackout\tEurope/a\\nb\t1,2\t0900\t1700",
                "health\tnvme\\c0n1",
                "canary\tsrv\\tdb\tdb",
                "canary\t/srv/a\\nb\tdb", ""));
        String[] r = dash(MetricsConfig.script(), conf.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[2]).isEqualTo(String.join("\n",
                "jts-metrics: " + conf + ": bad blackout zone \"Europe/a\\nb\"",
                "jts-metrics: " + conf + ": bad health device \"nvme\\c0n1\"",
                "jts-metrics: " + conf + ": canary mount \"srv\\tdb\" is not absolute",
                "jts-metrics: " + conf + ": bad canary line for \"/srv/a\\nb\"", ""));
        assertThat(dir.resolve("textfile/jts_storage.prom")).as("the run went on").exists();
    }
}
