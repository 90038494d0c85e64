package jts.fleet.controller;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jts.fleet.controller.cli.CommandTree;
import jts.fleet.controller.shell.ShellCommand;

/** Entry point. {@link #run} is the testable form: no System.exit, output to the given writers. */
public final class Main {
    /** Commands above the command tree: registered here so that no package below imports them. */
    private static final Class<?>[] FRONT_ENDS = {ShellCommand.class};

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        jts.fleet.controller.cli.AppContext context = new jts.fleet.controller.cli.AppContext(out, err,
                System.console() != null, java.time.Clock.systemDefaultZone());
        // Ctrl-C during a command that changes hosts stops it gracefully; see Interrupts
        jts.fleet.controller.cli.Interrupts.install(context);
        int code = CommandTree.create(context, FRONT_ENDS).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return CommandTree.create(out, err, System.console() != null, FRONT_ENDS).execute(args);
    }
}
