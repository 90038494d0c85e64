package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Recorded host outputs under {@code src/test/resources/fixtures/<name>/}: {@code sysroot.tree} (the fixture
 * tree, see {@link SysrootTree}), {@code gather.out} (what gather.sh printed for it), {@code expect.txt} (the
 * model a reviewer checked) and {@code status.json} (golden rendering). Golden files are rewritten instead
 * of compared when the system property {@code jts.golden.update=true}.
 */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/fixtures");

    private Fixtures() {
    }

    static List<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(DIR)) {
            return dirs.filter(d -> Files.exists(d.resolve("sysroot.tree")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    static String recorded(String name) throws IOException {
        return Files.readString(DIR.resolve(name).resolve("gather.out"), StandardCharsets.UTF_8);
    }

    static HostSnapshot snapshot(String name) throws IOException, GatherException {
        return GatherParser.parse(name, recorded(name));
    }

    record ScriptRun(int exit, String stdout, String stderr, Duration elapsed) {
    }

    /** Runs the gather script exactly as the transports do: {@code sh -c '<script>' jts-fleet <sysroot>}. */
    static ScriptRun runGather(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", GatherScript.text(), "jts-fleet"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "gather", ".out");
        Path err = Files.createTempFile(workDir, "gather", ".err");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("gather.sh did not finish within 30 s");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new ScriptRun(p.exitValue(), Files.readString(out), Files.readString(err), elapsed);
    }

    /** Host-dependent lines (clock, uid, the fio of the machine that ran the script) masked for comparison. */
    static String masked(String gatherOutput) {
        return gatherOutput.replaceAll("(?m)^(time|uid|fio)=.*$", "$1=<masked>");
    }
}
