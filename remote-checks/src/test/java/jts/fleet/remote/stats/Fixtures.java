package jts.fleet.remote.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded (and hand-made, where noted in the file name) samples under test resources monitor/diskstats. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/monitor/diskstats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture monitor/diskstats/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample sample(String name) throws DiskStatsException {
        return Sample.parse(name, text(name));
    }
}
