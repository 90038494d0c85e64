package jts.fleet.controller.shell;

import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import jts.fleet.controller.transport.auth.PassphrasePrompt;

/**
 * Asks for a key passphrase on the shell's terminal through JLine, showing nothing of what is typed. The shell
 * owns the terminal (raw mode, its own reader); reading {@code /dev/tty} beside it would race with JLine, so the
 * prompt goes through JLine too. Ctrl-C or Ctrl-D answers "no passphrase": the key is skipped.
 */
final class LineReaderPassphrasePrompt implements PassphrasePrompt {
    /** JLine's mask character that hides the input entirely (LineReaderImpl.NULL_MASK). */
    private static final Character HIDE_ALL = '\0';

    private final Terminal terminal;

    LineReaderPassphrasePrompt(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized Optional<char[]> ask(String prompt) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true).build();
        try {
            return Optional.of(reader.readLine(prompt, HIDE_ALL).toCharArray());
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.of(new char[0]);
        }
    }
}
