package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Golden text output of end-to-end runs under src/test/resources/e2e/, regenerated with
 * {@code -Djts.golden.update=true} and reviewed as diffs. Values that differ between runs (temporary
 * directories, this machine's user) are replaced by placeholders before the comparison.
 */
public final class Golden {
    static final Path DIR = Path.of("src/test/resources/e2e");
    private final Map<String, String> masks = new LinkedHashMap<>();

    public Golden mask(String value, String placeholder) {
        masks.put(value, placeholder);
        return this;
    }

    public String masked(String text) {
        String out = text;
        for (var e : masks.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    public void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        String text = masked(actual);
        if (Boolean.getBoolean("jts.golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        assertThat(file).as("golden %s (regenerate with -Djts.golden.update=true)", file).exists();
        assertThat(text).as("golden %s (regenerate with -Djts.golden.update=true and review the diff)", file)
                .isEqualTo(Files.readString(file));
    }
}
