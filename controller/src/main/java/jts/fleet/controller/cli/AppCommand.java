package jts.fleet.controller.cli;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A command of the tree. The command tree's factory creates it and hands it the front end's {@link AppContext}
 * (where to print, the clock, the shell's pool) before the command line is parsed, as picocli injects its
 * {@code @Spec}: a command declares only its options and what it does. {@link FleetCommand} is the one for commands
 * that reach hosts.
 */
public abstract class AppCommand implements Callable<Integer> {
    /** The front end's context, there from before parsing on ({@link #bind}). */
    protected AppContext context;

    /** Hands this command its context: once, by the command tree that creates it. */
    public final void bind(AppContext value) {
        if (context != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is bound already");
        }
        context = Objects.requireNonNull(value, "context");
    }
}
