package jts.fleet.controller.fleet;

import java.util.Optional;

import jts.fleet.inventory.HostSpec;

/**
 * Told when each host of a run starts and when it ended, whatever the end (done, failed, unreachable, past the
 * deadline): the change record ({@link jts.fleet.controller.change.ChangeRun}) writes its intent and outcome lines
 * from here, for every command that changes hosts through a {@link FleetRunner}.
 */
public interface HostObserver {
    /**
     * Before the host's task starts. A message means the host must not be touched: it fails with that message
     * (failure class {@code refused}) and its task never runs.
     */
    Optional<String> starting(HostSpec host);

    /** The host's result, once, as the run publishes it. */
    void finished(HostSpec host, HostResult<?> result);
}
