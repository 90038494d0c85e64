package jts.fleet.inventory.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Golden files, the one helper of every module's tests: a rendered artifact is compared with its committed file,
 * or, with {@code -Djts.golden.update=true}, the file is rewritten from the current output, to be reviewed as a
 * diff. Values that differ between runs (temporary directories, this machine's user) are masked by placeholders
 * before the comparison.
 */
public final class Golden {
    private static final String REGENERATE = "regenerate with -Djts.golden.update=true and review the diff";

    private final Path dir;
    private final Map<String, String> masks = new LinkedHashMap<>();

    private Golden(Path dir) {
        this.dir = dir;
    }

    /** Golden files under {@code src/test/resources/<dir>} of the module under test. */
    public static Golden under(String dir) {
        return new Golden(Path.of("src/test/resources").resolve(dir));
    }

    public Path dir() {
        return dir;
    }

    /** Replace {@code value} by {@code placeholder} in every text compared from now on. */
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

    /** Compares {@code actual} (masked) with {@code <dir>/<name>}. */
    public void assertMatches(String name, String actual) throws IOException {
        check(dir.resolve(name), masked(actual));
    }

    public static boolean updating() {
        return Boolean.getBoolean("jts.golden.update");
    }

    /** Compares {@code actual} with {@code file} (any path), or rewrites it when updating. */
    public static void check(Path file, String actual) throws IOException {
        check(file, actual, REGENERATE);
    }

    /**
     * Compares {@code actual} with {@code file} (a generated doc, say), or rewrites it when updating;
     * {@code regenerate} tells how (the exact command), in the failure's message.
     */
    public static void check(Path file, String actual, String regenerate) throws IOException {
        if (updating()) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s missing: %s", file, regenerate).exists();
        assertThat(actual).as("%s is stale (differs from what the code makes now): %s", file, regenerate)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
