package jts.fleet.remote.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed gather script ({@code /jts/fleet/remote/gather.sh}). It takes one optional argument, the sysroot
 * (absolute path without {@code ..}; empty means "/"), and prints the framed output read by
 * {@link GatherParser}.
 */
public final class GatherScript {
    public static final String RESOURCE = "/jts/fleet/remote/gather.sh";

    private GatherScript() {
    }

    /** Read once: every command of every host runs it (a fleet-wide status or watch start asks per host). */
    private static final class Text {
        static final String VALUE = read();
    }

    public static String text() {
        return Text.VALUE;
    }

    private static String read() {
        try (InputStream in = GatherScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource missing: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
