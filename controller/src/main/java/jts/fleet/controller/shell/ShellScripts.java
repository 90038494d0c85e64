package jts.fleet.controller.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixed host scripts of the shell's triage commands, shipped as resources next to this class. */
enum ShellScripts {
    DISKSTATS_SAMPLE("diskstats-sample.sh"),
    JOURNAL("journal.sh");

    private final String text;

    ShellScripts(String resource) {
        this.text = load(resource);
    }

    /** Script text, exactly as shipped; it travels as {@code sh -c} text, never assembled. */
    String text() {
        return text;
    }

    /** Read once when the class loads: a missing resource is a packaging bug and fails at once. */
    private static String load(String resource) {
        try (InputStream in = ShellScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to "
                        + ShellScripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
