package jts.fleet.controller.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jts.fleet.controller.change.ChangeRun;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.change.ChangeItem;

/**
 * A command's change record while it runs ({@link ChangeOptions#begin}); inactive for a dry run, so a command
 * calls the same methods either way.
 */
public final class ChangeControl implements jts.fleet.controller.fleet.HostRecording {
    static final ChangeControl INACTIVE = new ChangeControl(Optional.empty());

    private final Optional<ChangeRun> run;

    ChangeControl(Optional<ChangeRun> run) {
        this.run = run;
    }

    /** The same, reading what changed from each host's result value with {@code describe}. */
    public ChangeControl describedBy(Function<Object, List<ChangeItem>> describe) {
        return new ChangeControl(run.map(r -> r.describedBy(describe)));
    }

    /** {@code base}, writing each host's intent before it starts and its outcome when it ends. */
    public FleetRunner runner(FleetRunner base) {
        return run.map(base::observedBy).orElse(base);
    }

    /** The hosts the change freeze refused: recorded as refused. */
    public void refused(ChangeFreeze.Decision freeze) {
        run.ifPresent(r -> freeze.refused().forEach(r::refused));
    }

    /** Selected hosts the run never started on (a stopped rollout). */
    public void notStarted(List<HostSpec> hosts, String why) {
        run.ifPresent(r -> hosts.forEach(h -> r.notStarted(h, why)));
    }

    /** The context host scripts record their own lines with; empty for a dry run (they record nothing then). */
    @Override
    public String contextLine(HostSpec host) {
        return run.map(r -> r.contextLine(host)).orElse("");
    }

    public Optional<String> runId() {
        return run.map(ChangeRun::runId);
    }

    /** Says on stderr which outcome lines could not be written (the changes themselves happened). */
    public void end(AppContext context) {
        run.ifPresent(r -> r.writeErrors().forEach(e -> context.err().println("jts-fleet: warning: " + e)));
    }
}
