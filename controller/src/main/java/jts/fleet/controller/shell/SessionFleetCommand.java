package jts.fleet.controller.shell;

import java.util.concurrent.Callable;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.OutputOptions;
import picocli.CommandLine.Mixin;

/**
 * What the shell's fleet commands ({@code hosts}, {@code top}, {@code diskstats}) share: where to print, the
 * session (selection, cached models, connections), the fleet options and {@code -o}.
 */
abstract class SessionFleetCommand implements Callable<Integer> {
    final AppContext context;
    final ShellSession session;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    SessionFleetCommand(AppContext context, ShellSession session) {
        this.context = context;
        this.session = session;
    }
}
