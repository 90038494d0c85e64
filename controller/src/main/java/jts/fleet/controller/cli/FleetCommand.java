package jts.fleet.controller.cli;

import picocli.CommandLine.Mixin;

/**
 * A command that reaches hosts, as most are: the fleet options ({@link FleetOptions}), {@code -o}
 * ({@link OutputOptions}), and a body run with the session open ({@link FleetOptions#withSession}: {@code --list-hosts}
 * answered without connecting, connections closed afterwards).
 */
public abstract class FleetCommand extends AppCommand {
    @Mixin
    protected FleetOptions fleet;

    @Mixin
    protected OutputOptions output;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        return fleet.withSession(context, this::run);
    }

    /** Checks of this command's own options, before the inventory is read: a bad value is a usage error. */
    protected void checkOptions() throws UsageException {
    }

    /** The command, with its session open. */
    protected abstract int run(FleetSession session) throws Exception;

    /** The listener of this command's fleet runs: each host's line as it finishes, none with {@code -o json}. */
    protected java.util.function.Consumer<jts.fleet.controller.fleet.HostResult<?>> progress() {
        return FleetReport.progress(context, output);
    }
}
