package jts.fleet.controller.cli;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code jts-fleet}, {@code bench}, {@code inventory}, {@code monitor},
 * {@code render}): named without one, it prints its usage, command list included, and exits 2. picocli's own
 * missing-subcommand error would print one line instead of the list.
 */
public abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
