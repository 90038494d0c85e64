package jts.fleet.controller;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Interrupts;
import jts.fleet.controller.cli.LocalClock;
import jts.fleet.controller.cli.VersionProvider;
import jts.fleet.controller.cli.tree.CommandTree;
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
        int code = run(out, err, true, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    /**
     * {@code handleInterrupts}: Ctrl-C handled as the CLI process handles it ({@link Interrupts}); the
     * class-data training run ({@link CdsTraining}) takes this path too, so the archive holds what it loads.
     */
    static int run(PrintWriter out, PrintWriter err, boolean handleInterrupts, String... args) {
        return versionLine(out, args) ? ExitCodes.OK : run(cliContext(out, err, handleInterrupts), args);
    }

    private static AppContext cliContext(PrintWriter out, PrintWriter err, boolean handleInterrupts) {
        // the zone database on the other core while the command model is built (see LocalClock)
        LocalClock.readZonesInBackground();
        AppContext context = new AppContext(out, err, System.console() != null, new LocalClock());
        if (handleInterrupts) {
            // Ctrl-C during a command that changes hosts stops it gracefully; see Interrupts
            Interrupts.install(context);
        }
        return context;
    }

    private static int run(AppContext context, String... args) {
        return CommandTree.execute(context, FRONT_ENDS, args);
    }

    /**
     * Answers exactly {@code --version} / {@code -V}, the most frequent probe of an installed CLI, from the
     * version resource without building any command model; false (picocli answers) for anything else or when
     * the resource cannot be read.
     */
    private static boolean versionLine(PrintWriter out, String... args) {
        if (args.length != 1 || !("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return false;
        }
        try {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return true;
        } catch (java.io.IOException e) {
            return false; // unreadable version resource: picocli's path reports it as it always did
        }
    }
}
