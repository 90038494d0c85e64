package jts.fleet.controller.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CLI's questions: asked on {@code /dev/tty} (like sudo and ssh, so it works when stdout is a pipe), but only
 * when standard input is a terminal too: {@code echo y | jts-fleet apply} must not confirm anything, and cron or CI
 * (no controlling terminal) get no prompt at all.
 */
public final class TtyConfirmer implements Confirmer {
    private static final Path TTY = Path.of("/dev/tty");

    @Override
    public Optional<String> ask(String question) {
        if (!stdinIsTerminal()) {
            return Optional.empty();
        }
        try (InputStream in = new FileInputStream(TTY.toFile()); OutputStream out = new FileOutputStream(TTY.toFile())) {
            out.write(question.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && b != '\r') {
                line.write(b);
            }
            return Optional.of(line.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // no controlling terminal (ENXIO)
        }
    }

    /** Standard input is a terminal: {@code /proc/self/fd/0} names a tty or pts device. */
    static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.startsWith("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
