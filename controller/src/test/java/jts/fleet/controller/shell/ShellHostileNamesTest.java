package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.hostile.HostileHost;

/**
 * The shell's views of a host whose model string and mount points carry terminal escapes and a line break (issue
 * 13 point 5): written out as in the CLI, never sent raw to the operator's terminal, never a failed host.
 */
class ShellHostileNamesTest {
    @TempDir
    Path dir;

    @Test
    void theShellShowsHostileNamesWrittenOut() throws Exception {
        Path root = dir.resolve("evil");
        Path inventory = ShellHarness.writeInventory(dir, HostileHost.inventory(root));
        try (ShellHarness h = new ShellHarness(inventory, "status\nrun-check\nhosts\ncheck\n", Optional.empty())) {
            h.shell.run();
            String out = h.output();
            assertThat(out).contains("\\x1b]0;pwned").contains("/data/line\\nCRITICAL - fake")
                    .doesNotContain("evil: failed").doesNotContain("internal error");
            assertThat(out.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\r') || c == 0x7f).count())
                    .as("control characters on the terminal:%n%s", out).isZero();
            assertThat(out.lines()).noneMatch(l -> l.startsWith("CRITICAL - fake"));
        }
    }
}
