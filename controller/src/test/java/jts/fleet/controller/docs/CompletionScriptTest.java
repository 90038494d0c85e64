package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.remote.testing.Environment;

/** The generated bash completion script, sourced by a real bash and asked to complete partial command lines. */
class CompletionScriptTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "''{0}'' completes to {1}")
    @CsvSource(delimiter = '|', value = {
        "jts-fleet sta                | status",
        "jts-fleet inventory ch       | check",
        "jts-fleet status --inv       | --inventory",
        "jts-fleet status --list-h    | --list-hosts",
    })
    void bashCompletesCommandsAndOptions(String line, String expected) throws Exception {
        Path bash = Environment.requireTool("bash");
        Path script = dir.resolve("jts-fleet");
        Files.writeString(script, ReferenceMain.bashCompletion());
        // COMP_* exactly as bash sets them for a Tab at the end of the line; the words are test constants
        String probe = ". \"$1\"\nCOMP_LINE=\"$2\"; read -r -a COMP_WORDS <<< \"$2\"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_POINT=${#COMP_LINE}\n_complete_jts-fleet jts-fleet \"${COMP_WORDS[COMP_CWORD]}\" "
                + "\"${COMP_WORDS[COMP_CWORD-1]}\"\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder(bash.toString(), "-c", probe, "probe", script.toString(), line)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("bash finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(List.of(out.strip().split("\\s+"))).as("candidates for '" + line + "'").contains(expected);
    }

    @ParameterizedTest(name = "the script knows every command: {0}")
    @CsvSource({"status", "inventory", "snapshot"})
    void everyCommandIsInTheScript(String command) throws IOException {
        assertThat(ReferenceMain.bashCompletion()).contains(command).contains("complete -F _complete_jts-fleet");
    }
}
