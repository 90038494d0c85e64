package jts.fleet.controller.cli.bench;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.TierTargets;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.remote.bench.BenchProfiles;
import picocli.CommandLine.Mixin;

/**
 * What {@code bench run} and {@code experiment} share: they write on the hosts' disks, so the change freeze holds
 * them back ({@code --force}) and a change record is kept; their results go to the store; fio's size and runtime;
 * the engine over the session's settings; the cleanup when the JVM ends mid-run (Ctrl-C).
 *
 * @param <R> the request the command line makes
 */
abstract class MeasuringCommand<R> extends FleetCommand {
    @Mixin
    StoreOption store;

    @Mixin
    Sizing sizing;

    @Mixin
    FreezeOverride override;

    @Mixin
    ChangeOptions change;

    /** The command as the change record and the freeze name it ({@code bench run}). */
    private final String command;
    /** The request the options make, checked before the inventory is read ({@link #checkOptions}). */
    R request;

    MeasuringCommand(String command) {
        this.command = command;
    }

    /** The request of these options; an {@link IllegalArgumentException} says what is wrong with them. */
    abstract R request() throws UsageException;

    @Override
    protected final void checkOptions() throws UsageException {
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    protected final int run(FleetSession session) throws Exception {
        ChangeOptions.Gate gate = begin(session);
        if (gate.allowed().isEmpty()) {
            gate.control().end(context);
            return ExitCodes.REFUSED;
        }
        return measure(session, gate);
    }

    /** The change freeze and the change record of the hosts it allows. */
    ChangeOptions.Gate begin(FleetSession session) throws Exception {
        return change.beginOutsideFreeze(context, session, command, override, false);
    }

    /** The measurement on the hosts {@code gate} allows (at least one); ends the change record. */
    abstract int measure(FleetSession session, ChangeOptions.Gate gate) throws Exception;

    /** The engine of one command: the session's clock, command deadline and document cap; recorded in {@code control}. */
    static BenchEngine engine(FleetSession session, BenchStore store, BenchProfiles profiles, ChangeControl control) {
        return new BenchEngine(profiles, store, session.settings(), new TierTargets(session.commandTimeout()))
                .recordedBy(control);
    }

    /**
     * Runs {@code body} with a shutdown hook that runs {@code cleanup} (kill the remote fio, restore the settings an
     * experiment switched) if the JVM ends meanwhile (Ctrl-C); the hook is removed afterwards.
     */
    static <T> T withShutdownHook(Runnable cleanup, String name, Callable<T> body) throws Exception {
        Thread hook = new Thread(cleanup, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        }
    }
}
