package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.testing.Golden;
import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;
import jts.fleet.remote.testing.Environment;

/**
 * scripts/storage-*.sh are generated from the pushed host scripts: the committed copies must equal what the
 * generator renders now (a changed gather.sh or bench.sh changes them), and they must pass shellcheck.
 */
class StandaloneScriptsTest {
    private static final String REGENERATE = "regenerate with mvn -o -pl controller -am test "
            + "-Dtest=StandaloneScriptsTest -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void committedScriptsMatchTheGenerator() throws Exception {
        Map<Path, String> scripts = Map.of(GeneratedScripts.STATUS, GeneratedScripts.status(),
                GeneratedScripts.BENCHMARK, GeneratedScripts.benchmark());
        for (Map.Entry<Path, String> s : scripts.entrySet()) {
            Golden.check(s.getKey(), s.getValue(), REGENERATE);
            if (Golden.updating()) {
                Files.setPosixFilePermissions(s.getKey(), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            assertThat(s.getKey()).as(s.getKey() + ": " + REGENERATE).isExecutable();
        }
    }

    @Test
    void scriptsCarryThePushedCodeVerbatim() throws Exception {
        // each pushed script without its first line and the host prelude spliced into it, which stands once above
        String prelude = ScriptResources.text(HostPrelude.RESOURCE);
        String gatherBody = GatherScript.text().substring(GatherScript.text().indexOf('\n') + 1);
        String benchBody = BenchScripts.BENCH.text().substring(BenchScripts.BENCH.text().indexOf('\n') + 1);
        assertThat(gatherBody).contains(prelude);
        assertThat(benchBody).contains(prelude);
        for (String script : new String[] {GeneratedScripts.status(), GeneratedScripts.benchmark()}) {
            assertThat(script.split(java.util.regex.Pattern.quote(prelude), -1)).as("the host prelude once")
                    .hasSize(2);
        }
        assertThat(GeneratedScripts.status()).contains("jts_gather() (\n" + gatherBody.replace(prelude, ""))
                .containsSubsequence(prelude, "jts_gather() (", "jts_trim_status() (", "jts_diskstats() (");
        assertThat(GeneratedScripts.benchmark()).contains("jts_bench() (\n" + benchBody.replace(prelude, ""))
                .contains("size=${JTS_SIZE}").contains("runtime=${JTS_RUNTIME}")
                .contains("hot /var/lib/postgresql").contains("jts_suite_quick='");
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        for (String script : new String[] {GeneratedScripts.status(), GeneratedScripts.benchmark()}) {
            Process p = new ProcessBuilder(shellcheck.toString(), "--shell=sh", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as("shellcheck output").isEmpty();
            assertThat(p.exitValue()).isZero();
        }
    }
}
