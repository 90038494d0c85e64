package jts.fleet.controller.cli;

import java.util.Optional;

/**
 * Asks the person at the terminal a yes/no question ({@link jts.fleet.controller.change.Confirmation}). The CLI asks
 * on the controlling terminal when its standard input is one ({@link TtyConfirmer}); the shell through its line
 * reader. Empty: nobody can be asked (a pipe, cron, CI), so the command needs {@code --yes}.
 */
@FunctionalInterface
public interface Confirmer {
    /** The answer typed, or empty when there is no terminal to ask on. */
    Optional<String> ask(String question);

    Confirmer NOBODY = question -> Optional.empty();
}
