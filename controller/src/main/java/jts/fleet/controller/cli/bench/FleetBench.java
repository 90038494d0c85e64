package jts.fleet.controller.cli.bench;

import java.util.concurrent.Callable;

import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.TierTargets;
import jts.fleet.controller.cli.ChangeControl;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.remote.bench.BenchProfiles;

/** What {@code bench run} and {@code experiment} share around the engine: its settings and the Ctrl-C cleanup. */
final class FleetBench {
    private FleetBench() {
    }

    /** The engine of one command: the session's clock, command deadline and document cap; recorded in {@code control}. */
    static BenchEngine engine(FleetSession session, BenchStore store, BenchProfiles profiles, ChangeControl control) {
        return new BenchEngine(profiles, store, session.settings().clock(), new TierTargets(session.commandTimeout()),
                session.settings().output().documentBytes()).recordedBy(control);
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
