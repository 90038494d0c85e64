package jts.fleet.remote.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Recorded host output (fio JSON, bench.sh output) under src/test/resources/bench, read from the classpath. */
final class Recorded {
    private Recorded() {
    }

    /** A recorded file under src/test/resources/bench, read from the classpath (works from other modules' tests). */
    static String resource(String name) throws IOException {
        try (var in = Recorded.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new java.io.FileNotFoundException("test resource /bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
