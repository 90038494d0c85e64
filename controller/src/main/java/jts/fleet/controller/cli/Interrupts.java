package jts.fleet.controller.cli;

import java.util.List;
import java.util.function.Function;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.StopSignal;
import jts.fleet.inventory.DurationParser;

/**
 * Ctrl-C while a command changes hosts (apply, rollback, trim). The first one is said out loud and stops the
 * run from starting anything new; the host steps in flight get the command deadline to finish or be undone by
 * their own scripts; every host's final state is printed and the command exits 130. A second Ctrl-C aborts at
 * once and names the hosts that may be half-done and how to check them. Without a command that changes hosts,
 * Ctrl-C ends the process as usual (130).
 */
public final class Interrupts {
    /** Grace added to the command deadline: the host's own {@code timeout -k 5} and the way back. */
    private static final java.time.Duration KILL_GRACE = java.time.Duration.ofSeconds(6);

    private Interrupts() {
    }

    /** The outcome of a stoppable run: the body's value and whether a stop was requested during it. */
    public record Run<T>(T value, boolean interrupted) {
    }

    /**
     * Runs {@code body} with a runner that Ctrl-C stops gracefully (see the class comment); {@code check} is the
     * command that tells whether a host was left half-done ({@code "jts-fleet verify"}).
     */
    public static <T> Run<T> stoppable(AppContext context, FleetSession session, String check,
            Function<FleetRunner, T> body) {
        StopSignal stop = new StopSignal(session.commandTimeout().plus(KILL_GRACE), check);
        context.setActiveStop(stop);
        try {
            return new Run<>(body.apply(session.runner().stoppableBy(stop)), stop.requested());
        } finally {
            context.setActiveStop(null);
        }
    }

    /** The exit status of an interrupted run, after saying so (the per-host results were printed already). */
    public static int interrupted(AppContext context) {
        context.err().println("jts-fleet: interrupted (Ctrl-C): the results above are each host's final state");
        return ExitCodes.INTERRUPTED;
    }

    /** Routes SIGINT of this process to {@link #onInterrupt} (the CLI; the shell routes its own Ctrl-C). */
    public static void install(AppContext context) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), new CliInterrupt(context));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform, or the JVM keeps it (-Xrs): Ctrl-C ends the process as before
        }
    }

    /**
     * The CLI's SIGINT handler: {@link #onInterrupt}, ending the process with {@link ExitCodes#INTERRUPTED}. A class,
     * not nested lambdas: every one-shot run installs it, and each lambda's first use is ~60 us of that run.
     */
    private record CliInterrupt(AppContext context) implements sun.misc.SignalHandler {
        @Override
        public void handle(sun.misc.Signal signal) {
            onInterrupt(context, new Exit(context, true), new Exit(context, false));
        }
    }

    /** Ends the process as interrupted, after a line break when Ctrl-C found no command changing hosts. */
    private record Exit(AppContext context, boolean newLine) implements Runnable {
        @Override
        public void run() {
            if (newLine) {
                context.err().println();
            }
            context.err().flush();
            System.exit(ExitCodes.INTERRUPTED);
        }
    }

    /**
     * One Ctrl-C: see the class comment. {@code plain} runs when no command is changing hosts (the process ends,
     * the shell interrupts the command), {@code abort} after the message of a second Ctrl-C.
     */
    public static void onInterrupt(AppContext context, Runnable plain, Runnable abort) {
        StopSignal stop = context.activeStop().orElse(null);
        if (stop == null) {
            plain.run();
            return;
        }
        List<String> running = stop.inFlight();
        if (stop.request() == 1) {
            context.err().println("jts-fleet: interrupted: no further host or step is started; waiting up to "
                    + DurationParser.format(stop.grace()) + " for the steps in flight to finish or be undone"
                    + (running.isEmpty() ? "" : " (" + String.join(", ", running) + ")")
                    + ". Ctrl-C again aborts at once.");
            context.err().flush();
            return;
        }
        context.err().println("jts-fleet: aborted" + (running.isEmpty() ? "; no host step was running."
                : ": " + String.join(", ", running) + " may be half-done; check with " + stop.checkCommand()
                        + " -H " + String.join(",", running)));
        context.err().flush();
        abort.run();
    }
}
