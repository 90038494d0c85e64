package jts.fleet.controller.cli;

import picocli.CommandLine.Option;

/**
 * {@code --force} of the commands the change freeze holds back (apply, rollback, trim, bench run, experiment): the
 * one way past a host's {@code maintenance.blackout} window, accepted only with {@code --reason}, which the change
 * record keeps ({@link ChangeOptions#freeze}, {@link ChangeOptions#begin}).
 */
public final class FreezeOverride {
    @Option(names = "--force",
            description = "Change hosts even inside their maintenance.blackout window (trading hours); only with "
                    + "--reason TEXT, which the change record keeps with the window it overrode.")
    boolean force;

    /** True when {@code --force} was given. */
    public boolean force() {
        return force;
    }
}
