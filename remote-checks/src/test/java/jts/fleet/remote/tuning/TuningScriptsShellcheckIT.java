package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import jts.fleet.remote.testing.Environment;

/** Every tuning host script is POSIX sh and shellcheck-clean (all severities). */
class TuningScriptsShellcheckIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TuningScripts.class)
    void shellcheckClean(TuningScripts script) throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        Path file = tmp.resolve(script.resourceName());
        Files.writeString(file, script.text(), StandardCharsets.UTF_8);

        String output = LoopImage.runMerged(List.of(shellcheck.toString(), "--shell=sh", "--severity=style",
                file.toString()));

        assertThat(output).as("shellcheck %s", script.resourceName()).isEqualTo("exit 0\n");
    }
}
