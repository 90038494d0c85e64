package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file check for rendered artifacts: compares with the file under {@code src/test/resources/bench/golden}
 * (or any path given), or rewrites it when {@code -Djts.golden.update=true}, so changes are reviewed as diffs.
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/bench/golden");

    private Golden() {
    }

    static void check(Path file, String actual) throws IOException {
        if (Boolean.getBoolean("jts.golden.update")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s missing: run with -Djts.golden.update=true", file).exists();
        assertThat(actual).as("rendered output differs from golden %s (regenerate with -Djts.golden.update=true)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** A recorded file under src/test/resources/bench, read from the classpath (works from other modules' tests). */
    static String resource(String name) throws IOException {
        try (var in = Golden.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new java.io.FileNotFoundException("test resource /bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
