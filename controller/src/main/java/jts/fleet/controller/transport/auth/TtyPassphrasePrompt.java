package jts.fleet.controller.transport.auth;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a passphrase from the controlling terminal ({@code /dev/tty}) with echo turned off, as OpenSSH's
 * {@code readpassphrase} does: it works when stdout is a pipe ({@code status -o json | jq}), and a process
 * without a controlling terminal (cron, CI, {@code setsid}) gets no prompt at all. The terminal's settings are
 * restored afterwards, also when the JVM exits during the prompt (Ctrl-C).
 */
public final class TtyPassphrasePrompt implements PassphrasePrompt {
    private static final File TTY = new File("/dev/tty");
    /** One prompt at a time on the terminal, whichever host needs it. */
    private static final Object TERMINAL = new Object();

    @Override
    public Optional<char[]> ask(String prompt) {
        synchronized (TERMINAL) {
            try (InputStream in = new FileInputStream(TTY); OutputStream out = new FileOutputStream(TTY)) {
                Optional<String> saved = stty("-g");
                Thread restore = new Thread(() -> saved.ifPresent(TtyPassphrasePrompt::restore), "tty-restore");
                Runtime.getRuntime().addShutdownHook(restore);
                try {
                    if (stty("-echo").isEmpty()) {
                        return Optional.empty(); // never read a passphrase that would be echoed
                    }
                    out.write(prompt.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    char[] typed = readLine(in);
                    out.write('\n');
                    out.flush();
                    return Optional.of(typed);
                } finally {
                    saved.ifPresent(TtyPassphrasePrompt::restore);
                    try {
                        Runtime.getRuntime().removeShutdownHook(restore);
                    } catch (IllegalStateException e) {
                        // exiting: the hook runs anyway
                    }
                }
            } catch (IOException e) {
                return Optional.empty(); // no controlling terminal (ENXIO) or it went away
            }
        }
    }

    private static char[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && b != '\r') {
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw));
        char[] result = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return result;
    }

    private static void restore(String settings) {
        stty(settings);
    }

    /** Runs {@code stty ARG} on the terminal; the output ({@code -g} settings) when it succeeded. */
    private static Optional<String> stty(String argument) {
        try {
            Process process = new ProcessBuilder(List.of("stty", argument)).redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return Optional.of(output);
            }
            process.destroyForcibly();
        } catch (IOException e) {
            // no stty: no prompt (the caller says how to load the key into the agent instead)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
