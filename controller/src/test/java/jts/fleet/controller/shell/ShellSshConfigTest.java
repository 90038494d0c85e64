package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.inventory.InventoryLoader;

/**
 * {@code jts-fleet shell --ssh-config FILE}: every command of the session reads the same ssh_config, and an edit of
 * that file is picked up by the next command, as an edit of the inventory is.
 */
class ShellSshConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShellsSshConfigIsEveryCommandsDefaultAndItsEditsAreSeen() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host db-*\n  Port 2201\n");
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  db-01: {}\n");
        String typed = """
                inventory list --explain db-01
                !edit
                inventory list --explain db-01
                """;
        // the edit happens once the first command has printed, before the second line is handed to the shell
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Terminal[] holder = new Terminal[1];
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new EditingInput(typed, () -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!printed(holder[0], output, "Port") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1100); // a new modification and change time even on coarse file systems
            Files.writeString(config, "Host db-*\n  Port 2202\n");
        }), output, StandardCharsets.UTF_8);
        holder[0] = terminal;
        AppContext context = new AppContext(terminal.writer(), terminal.writer(), false, Clock.systemUTC());
        try (ShellSession session = new ShellSession(context,
                InventoryLoader.standard().withSshConfigOverride(config.toString()), Optional.of(inventory),
                Optional.of(config.toString()), Optional.empty(), SshOptions.defaults(), PassphrasePrompt.NONE)) {
            new Shell(terminal, session, Optional.empty()).run();
        }
        terminal.writer().flush();
        String out = output.toString(StandardCharsets.UTF_8);
        assertThat(out).containsPattern("port +2201 +" + config + ":2 Port");
        assertThat(out).containsPattern("ssh_config +" + config + " +command line --ssh-config");
        assertThat(out).containsPattern("port +2202 +" + config + ":2 Port");
    }

    private static boolean printed(Terminal terminal, ByteArrayOutputStream output, String text) {
        if (terminal != null) {
            terminal.writer().flush();
        }
        return output.toString(StandardCharsets.UTF_8).contains(text);
    }

    /** Input that runs {@code edit} when the line {@code !edit} is reached, and hides that line from the shell. */
    private static final class EditingInput extends java.io.InputStream {
        interface Edit {
            void run() throws Exception;
        }

        private final ByteArrayInputStream before;
        private final ByteArrayInputStream after;
        private final Edit edit;
        private boolean edited;

        EditingInput(String typed, Edit edit) {
            int at = typed.indexOf("!edit\n");
            this.before = new ByteArrayInputStream(typed.substring(0, at).getBytes(StandardCharsets.UTF_8));
            this.after = new ByteArrayInputStream(typed.substring(at + "!edit\n".length())
                    .getBytes(StandardCharsets.UTF_8));
            this.edit = edit;
        }

        @Override
        public int read() throws java.io.IOException {
            int c = before.read();
            if (c >= 0) {
                return c;
            }
            if (!edited) {
                edited = true;
                try {
                    edit.run();
                } catch (Exception e) {
                    throw new java.io.IOException(e);
                }
            }
            return after.read();
        }
    }
}
