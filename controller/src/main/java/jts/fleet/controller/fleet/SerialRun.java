package jts.fleet.controller.fleet;

import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;

/**
 * Outcome of a run in serial batches: the results of every host that was run (inventory order), the hosts
 * never touched because the run stopped, and why it stopped.
 */
public record SerialRun<T>(List<HostResult<T>> results, List<HostSpec> untouched, Optional<String> stopReason) {
    public SerialRun {
        results = List.copyOf(results);
        untouched = List.copyOf(untouched);
    }

    public boolean stoppedEarly() {
        return stopReason.isPresent();
    }
}
