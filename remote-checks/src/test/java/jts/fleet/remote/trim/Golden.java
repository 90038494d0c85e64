package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/jts/fleet/remote/trim/golden. {@code -Djts.golden.update=true}
 * rewrites them from the current output; review the diff before committing.
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/jts/fleet/remote/trim/golden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("jts.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Djts.golden.update=true)", file).exists();
        assertThat(actual).as("rendered output differs from golden file %s", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
