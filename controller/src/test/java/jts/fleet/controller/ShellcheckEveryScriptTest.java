package jts.fleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * Every host script of every module is POSIX sh and shellcheck-clean at every severity, as it is run: the tuning
 * scripts with their prelude spliced in. The fragments of the generated standalone scripts are checked inside them
 * ({@code StandaloneScriptsTest}).
 */
class ShellcheckEveryScriptTest {
    private static final List<Path> RESOURCES = List.of(Path.of("src/main/resources"),
            Path.of("../remote-checks/src/main/resources"), Path.of("../inventory/src/main/resources"));

    @TempDir
    Path tmp;

    @Test
    void everyHostScriptIsShellcheckClean() throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        List<Path> scripts = new ArrayList<>();
        for (Path root : RESOURCES) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".sh")).sorted().forEach(scripts::add);
                }
            }
        }
        assertThat(scripts).as("scripts found").hasSizeGreaterThan(20);
        List<String> findings = new ArrayList<>();
        int checked = 0;
        for (Path script : scripts) {
            String name = script.getFileName().toString();
            if (name.endsWith("-main.sh") || name.equals("tune-common.sh")) {
                continue; // fragments: checked where they are spliced in
            }
            Path file = script;
            if (name.startsWith("tune-")) {
                TuningScripts tuning = Stream.of(TuningScripts.values()).filter(t -> t.resourceName().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(script + " is not a TuningScripts entry"));
                file = tmp.resolve(name);
                Files.writeString(file, tuning.text(), StandardCharsets.UTF_8);
            }
            String output = shellcheck(shellcheck, file);
            checked++;
            if (!output.isEmpty()) {
                findings.add(script + ":\n" + output);
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(findings).as("shellcheck --shell=sh --severity=style").isEmpty();
    }

    private static String shellcheck(Path shellcheck, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shellcheck.toString(), "--shell=sh", "--severity=style", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shellcheck %s finished", file).isTrue();
        return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + "\n" + out;
    }
}
