package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ssh_config keyword jts-fleet does not know is ignored with a debug note, as {@code ssh -v} would show one:
 * with {@code -v} it is logged (the inventory module logs through System.Logger, forwarded to SLF4J by
 * {@link Logging}); without it, nothing is printed. The CLI runs as a child process (logging is set up once per
 * process).
 */
class SshConfigDebugLogTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private CliProcess run(String... args) throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  db-01: {}\n");
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host db-*\n  User dba\n  FancyNewKeyword yes\n");
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliProcess cli = CliProcess.start(dir, args);
        Optional<CliProcess.Line> exit = cli.awaitExit(WAIT);
        assertThat(exit).as(cli.toString()).isPresent();
        assertThat(exit.get().text()).as(cli.toString()).isEqualTo("0");
        return cli;
    }

    @Test
    void anUnknownKeywordIsADebugNoteWithVerboseAndSilentWithout() throws Exception {
        String note = dir.resolve("ssh_config") + ":3: unknown keyword 'FancyNewKeyword' ignored";
        try (CliProcess verbose = run("-v", "inventory", "list", "--inventory", "inventory.yaml", "--ssh-config",
                "ssh_config")) {
            assertThat(verbose.err()).as(verbose.toString()).contains("DEBUG SshConfig - ")
                    .contains("db-01: " + note);
            assertThat(verbose.out()).contains("dba");
        }
        try (CliProcess quiet = run("inventory", "list", "--inventory", "inventory.yaml", "--ssh-config",
                "ssh_config")) {
            assertThat(quiet.err()).as(quiet.toString()).doesNotContain("FancyNewKeyword");
        }
        try (CliProcess logged = run("inventory", "list", "--inventory", "inventory.yaml", "--ssh-config",
                "ssh_config", "--log-file", "run.log")) {
            assertThat(Files.readString(dir.resolve("run.log"))).contains("db-01: " + note);
        }
    }
}
