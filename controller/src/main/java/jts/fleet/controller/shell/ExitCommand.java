package jts.fleet.controller.shell;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import picocli.CommandLine.Command;

/** {@code exit} / {@code quit}: leave the shell (as Ctrl-D does), closing every connection. */
@Command(name = "exit", aliases = "quit", mixinStandardHelpOptions = true,
        description = "Leave the shell (Ctrl-D does the same); every connection is closed.")
final class ExitCommand implements Callable<Integer> {
    private final ShellSession session;

    ExitCommand(ShellSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.requestExit();
        return ExitCodes.OK;
    }
}
