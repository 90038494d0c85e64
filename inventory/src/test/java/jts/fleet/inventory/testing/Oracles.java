package jts.fleet.inventory.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real programs the parsers are compared with ({@code ssh -G}, {@code ansible-inventory --list}). Absent, a test
 * skips; under CI ({@code JTS_FLEET_REQUIRE_IT=1}) it fails, so a missing oracle can never turn CI green.
 */
public final class Oracles {
    private Oracles() {
    }

    /** The program at {@code path}, or a skip (a failure under CI) when it is not installed. */
    public static Path require(Path path, String installHint) {
        if (Files.isExecutable(path)) {
            return path;
        }
        String what = path + " is not installed (" + installHint + ")";
        String flag = System.getenv().getOrDefault("JTS_FLEET_REQUIRE_IT", "").trim().toLowerCase(Locale.ROOT);
        if (flag.equals("1") || flag.equals("true") || flag.equals("yes")) {
            throw new AssertionError("oracle missing and JTS_FLEET_REQUIRE_IT is set: " + what);
        }
        Assumptions.abort("skipped: " + what);
        return path;
    }

    /** What a program printed and how it ended. */
    public record Run(int status, String stdout, String stderr) {
    }

    /** Runs {@code command} with stdin closed, within 60 s. */
    public static Run run(List<String> command, Path workingDir) throws IOException, InterruptedException {
        return run(command, workingDir, java.util.Map.of());
    }

    /** The same with extra environment variables. */
    public static Run run(List<String> command, Path workingDir, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("oracle-out", ".txt");
        Path err = Files.createTempFile("oracle-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process p = builder.directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
