package jts.fleet.controller.shell;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jts.fleet.controller.Main;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.CommandTree;
import picocli.CommandLine;

/**
 * {@code jts-fleet} as the launcher runs it, for the pseudo-terminal tests: {@link Main} once the shell is
 * registered in the command tree; until then the same tree with {@link ShellCommand} added.
 */
public final class ShellLauncher {
    private ShellLauncher() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        AppContext context = new AppContext(out, err, System.console() != null, Clock.systemDefaultZone());
        CommandLine tree = CommandTree.create(context);
        if (tree.getSubcommands().containsKey("shell")) {
            Main.main(args);
            return;
        }
        tree.addSubcommand("shell", new ShellCommand(context));
        int code = tree.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
