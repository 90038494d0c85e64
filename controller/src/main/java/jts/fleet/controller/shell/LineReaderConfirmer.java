package jts.fleet.controller.shell;

import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import jts.fleet.controller.cli.Confirmer;

/**
 * The shell's questions before a large change ({@code apply to 140 hosts (prod, hot)? [y/N]}), asked through JLine
 * on the shell's terminal: the shell owns it (raw mode, its own reader), so reading it beside JLine would race.
 * Ctrl-C or Ctrl-D answers no. Nothing typed here goes into the shell's history.
 */
final class LineReaderConfirmer implements Confirmer {
    private final Terminal terminal;

    LineReaderConfirmer(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized Optional<String> ask(String question) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true).build();
        try {
            return Optional.of(reader.readLine(question));
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.of("");
        }
    }
}
