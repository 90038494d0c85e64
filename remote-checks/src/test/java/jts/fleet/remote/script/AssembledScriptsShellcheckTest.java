package jts.fleet.remote.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.change.HostChangeLog;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.MonitorInstall;
import jts.fleet.remote.monitor.Resources;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.trim.TrimScript;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * Every host script as it is run — preludes spliced in, allowlists filled — is POSIX sh and shellcheck-clean at
 * every severity (the resources as written are linted by the controller's {@code ShellcheckEveryScriptTest}).
 */
class AssembledScriptsShellcheckTest {
    @TempDir
    Path tmp;

    static Stream<Named<Supplier<String>>> scripts() {
        List<Named<Supplier<String>>> all = new ArrayList<>();
        for (TuningScripts t : TuningScripts.values()) {
            all.add(Named.of(t.resourceName(), t::text));
        }
        for (BenchScripts b : BenchScripts.values()) {
            all.add(Named.of(b.fileName(), b::text));
        }
        all.add(Named.of("jts-metrics.sh", MetricsConfig::script));
        all.add(Named.of("monitor-activate.sh", MonitorInstall::activateScript));
        all.add(Named.of("monitor-run-once.sh", MonitorInstall::runOnceScript));
        all.add(Named.of("watch-stream.sh", HostReads::streamScript));
        all.add(Named.of("watch-read.sh", HostReads::watchReadScript));
        all.add(Named.of("check-read.sh", HostReads::checkScript));
        all.add(Named.of("diskstats-sample.sh", HostReads::diskSampleScript));
        all.add(Named.of("journal.sh", HostReads::journalScript));
        all.add(Named.of("jts-fstrim.sh", TrimScript::text));
        all.add(Named.of("trim-activate.sh", TrimScript::activateScript));
        all.add(Named.of("trim-run.sh", TrimScript::runScript));
        all.add(Named.of("trim-status.sh", TrimScript::statusScript));
        all.add(Named.of("install-file.sh", InstallFileScript::text));
        all.add(Named.of("gather.sh", GatherScript::text));
        all.add(Named.of("change-read.sh", HostChangeLog::readScript));
        all.add(Named.of("resident.sh", ResidentScript::text));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void asRunItIsShellcheckClean(Supplier<String> script) throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        Path file = tmp.resolve("script.sh");
        Files.writeString(file, script.get(), StandardCharsets.UTF_8);
        assertThat(shellcheck(shellcheck, file)).as("shellcheck --shell=sh --severity=style").isEqualTo("exit 0\n");
    }

    private static String shellcheck(Path shellcheck, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shellcheck.toString(), "--shell=sh", "--severity=style", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        return "exit " + p.exitValue() + "\n" + out;
    }
}
