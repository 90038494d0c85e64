package jts.fleet.controller.transport.auth;

import java.util.Optional;

/**
 * Asks the operator for a key's passphrase without echoing it. Implementations read the controlling terminal
 * (the CLI) or the shell's line reader; without a terminal there is nobody to ask.
 */
@FunctionalInterface
public interface PassphrasePrompt {
    /** A prompt for runs without a terminal: never asks. */
    PassphrasePrompt NONE = prompt -> Optional.empty();

    /**
     * Shows {@code prompt} and reads one line without echo.
     *
     * @return the characters typed (the caller clears them after use), or empty when there is no terminal to
     *         ask on
     */
    Optional<char[]> ask(String prompt);
}
