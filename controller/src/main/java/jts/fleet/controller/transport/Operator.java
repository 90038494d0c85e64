package jts.fleet.controller.transport;

import java.util.Objects;
import java.util.function.Consumer;

import jts.fleet.controller.transport.auth.PassphrasePrompt;

/**
 * Where SSH connections talk to the person running jts-fleet: notices (a host key recorded by accept-new, a key
 * file ignored as unprotected) and passphrase prompts. The CLI prints notices on stderr and asks on the terminal;
 * the shell prints them after the command and asks through its line reader.
 *
 * @param notices     receives one line per notice, from any thread
 * @param passphrases asks for key passphrases
 */
public record Operator(Consumer<String> notices, PassphrasePrompt passphrases) {
    public Operator {
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(passphrases, "passphrases");
    }

    /** Nobody to talk to: notices are dropped, passphrases cannot be asked (tests, embedded use). */
    public static Operator none() {
        return new Operator(line -> { }, PassphrasePrompt.NONE);
    }

    void notice(String line) {
        notices.accept(line);
    }
}
