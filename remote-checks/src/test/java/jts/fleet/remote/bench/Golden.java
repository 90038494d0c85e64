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

    static String resource(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/bench", name), StandardCharsets.UTF_8);
    }
}
