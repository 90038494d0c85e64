package jts.fleet.remote.trim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code jts-fstrim.sh} locally with {@code sh}, as a host would, and captures both streams. */
public final class HostScript {
    private final Path script;

    public HostScript(Path dir) throws IOException {
        script = dir.resolve("jts-fstrim");
        Files.writeString(script, TrimScript.text());
        script.toFile().setExecutable(true);
    }

    public Path path() {
        return script;
    }

    public record Run(int exit, String stdout, String stderr) {
        public List<TrimRecord> records() {
            TrimLog log = TrimLog.parse(stdout);
            if (!log.problems().isEmpty()) {
                throw new AssertionError("bad --json output " + log.problems() + ":\n" + stdout);
            }
            return log.records();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public Run run(String... args) {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    /** Runs any fixed command (shellcheck, promtool, losetup ...); stdin from /dev/null. */
    public static Run exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
