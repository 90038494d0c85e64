package jts.fleet.controller.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixed host scripts of the shell's triage commands, shipped as resources next to this class. */
enum ShellScripts {
    DISKSTATS_SAMPLE("diskstats-sample.sh"),
    JOURNAL("journal.sh");

    private final String resource;
    private volatile String text;

    ShellScripts(String resource) {
        this.resource = resource;
    }

    /** Script text, read once; a missing resource is a packaging bug. */
    String text() {
        String cached = text;
        if (cached == null) {
            try (InputStream in = ShellScripts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource + " next to "
                            + ShellScripts.class.getName());
                }
                cached = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + resource, e);
            }
            text = cached;
        }
        return cached;
    }
}
