package jts.fleet.inventory.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the text resources the jar ships (the embedded inventory and policy, host scripts, their preludes, fio
 * profiles): the one place that knows a missing resource is a broken build, not a user error.
 */
public final class ShippedResources {
    private ShippedResources() {
    }

    /**
     * The UTF-8 text of the classpath resource at {@code path} (absolute, e.g. {@code /jts/fleet/remote/gather.sh}).
     *
     * @throws IllegalStateException when the resource is missing (a broken build)
     */
    public static String text(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("resource path must be absolute: " + path);
        }
        try (InputStream in = ShippedResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path + " (broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading classpath resource " + path, e);
        }
    }
}
