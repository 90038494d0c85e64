package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.docs.ReferenceMain;
import jts.fleet.remote.testing.Environment;

/**
 * The shipped completion scripts with the built launcher on PATH: bash and zsh complete host and group names
 * of the inventory named on the line through {@code jts-fleet __complete hosts}, pattern operators included.
 */
class CompletionIT {
    @TempDir
    static Path dir;
    static Path inventory;
    static Path bin;

    @BeforeAll
    static void launcherOnPath() throws Exception {
        Launcher.requireBuilt();
        bin = Files.createDirectories(dir.resolve("bin"));
        Path wrapper = bin.resolve("jts-fleet");
        Files.writeString(wrapper, "#!/bin/sh\nJTS_FLEET_JAR='" + Launcher.jar() + "' exec sh '" + Launcher.script()
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        inventory = Files.writeString(dir.resolve("fleet.yaml"), "hosts:\n"
                + "  db-01: {address: 192.0.2.1, groups: [prod, db]}\n"
                + "  db-02: {address: 192.0.2.2, groups: [prod, db]}\n"
                + "  kafka-03: {address: 192.0.2.3, groups: [prod]}\n");
    }

    private static List<String> complete(Path shell, String script, String probe, String line) throws Exception {
        Path file = dir.resolve("completion-" + shell.getFileName());
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder(shell.toString(), "-c", probe, "probe", file.toString(), line)
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HOME", dir.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", shell).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("=> ")).map(l -> l.substring(3)).toList();
    }

    /** bash: COMP_* as bash sets them for a Tab at the end of the line (':' and '=' are word breaks). */
    private static List<String> bash(String line) throws Exception {
        Path bash = Environment.requireTool("bash");
        String probe = ". \"$1\"\nCOMP_LINE=\"$2\"; read -r -a COMP_WORDS <<< \"$2\"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_POINT=${#COMP_LINE}\n_jts_fleet_complete jts-fleet\nprintf '=> %s\\n' \"${COMPREPLY[@]}\"\n";
        return complete(bash, ReferenceMain.bashCompletion(), probe, line);
    }

    @Test
    void bashCompletesHostsAndGroupsFromTheInventoryOnTheLine() throws Exception {
        String inv = "jts-fleet status --inventory " + inventory + " ";
        assertThat(bash(inv + "-H db")).containsExactly("db", "db-01", "db-02");
        assertThat(bash(inv + "--limit ka")).containsExactly("kafka-03");
        assertThat(bash(inv + "-H prod:&d")).as("bash replaces only the text after ':'")
                .containsExactly("&db", "&db-01", "&db-02");
        assertThat(bash("jts-fleet plan --inventory=" + inventory + " --hosts=db-01,k")).containsExactly("db-01,kafka-03");
        assertThat(bash(inv + "--inv")).as("options still come from picocli's script").contains("--inventory");
    }

    @Test
    void zshCompletesThroughBashcompinit() throws Exception {
        Path zsh = Environment.requireTool("zsh");
        String probe = "autoload -U +X compinit && compinit -u -D\nsource \"$1\"\n"
                + "print -r -- \"=> registered ${_comps[jts-fleet]}\"\n"
                + "COMP_LINE=\"$2\"; COMP_WORDS=(${=2}); COMP_CWORD=$(( ${#COMP_WORDS} - 1 )); COMP_POINT=${#COMP_LINE}\n"
                + "setopt ksharrays\n_jts_fleet_complete\nfor c in \"${COMPREPLY[@]}\"; do print -r -- \"=> $c\"; done\n";
        List<String> out = complete(zsh, ReferenceMain.zshCompletion(), probe,
                "jts-fleet status --inventory " + inventory + " -H prod:&db-");
        assertThat(out).containsExactly("registered _bash_complete -F _jts_fleet_complete", "prod:&db-01", "prod:&db-02");
    }
}
