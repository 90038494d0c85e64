package jts.fleet.controller.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jts.fleet.controller.testing.OverlayNamespace;
import jts.fleet.remote.testing.Environment;

/**
 * Runs the built launcher ({@code bin/jts-fleet.in} over the jar this build shaded) as a subprocess, as a user
 * would: its own HOME and working directory, stdout and stderr apart, the real exit status. Failsafe runs the
 * end-to-end tests after {@code package}, so the jar is there.
 */
public final class Launcher {
    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();

    /** A launcher whose HOME and working directory are under {@code dir}. */
    public Launcher(Path dir) throws IOException {
        this.workDir = Files.createDirectories(dir.resolve("cwd"));
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    public Launcher env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path workDir() {
        return workDir;
    }

    /** The outcome of one run: exit status, stdout, stderr. */
    public record Result(int exit, String out, String err, List<String> args) {
        @Override
        public String toString() {
            return "jts-fleet " + String.join(" ", args) + "\nexit " + exit + "\n--- stdout\n" + out + "--- stderr\n"
                    + err;
        }
    }

    /** The shaded jar of this build, next to test-classes in whatever build directory is in use. */
    public static Path jar() {
        try {
            Path testClasses = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().resolve("jts-fleet-all.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** bin/jts-fleet.in of this checkout. */
    public static Path script() {
        return Path.of("..").toAbsolutePath().normalize().resolve("bin/jts-fleet.in");
    }

    /** Skips (fails under CI) unless the jar was built: run through {@code mvn verify}. */
    public static void requireBuilt() {
        Environment.require(Files.isRegularFile(jar()), "shaded jar " + jar() + " (run through mvn verify, after package)");
        Environment.require(Files.isRegularFile(script()), "launcher " + script());
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(new byte[0], args);
    }

    /**
     * Runs the launcher inside a private mount namespace where /etc, /usr/local and /var/lib are overlays whose
     * upper layers live under {@code overlayRoot} (a directory under /tmp): commands that install files at
     * their real, fixed paths run for real, and this machine's files stay untouched. Needs root and unshare.
     */
    public Result runInOverlay(Path overlayRoot, String... args) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of("sh", script().toString()));
        launcher.addAll(List.of(args));
        List<String> command = OverlayNamespace.command(overlayRoot, launcher);
        return start(command, new byte[0], args);
    }

    public Result runWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script().toString()));
        command.addAll(List.of(args));
        return start(command, stdin, args);
    }

    /** A run in the background (stdin empty), for tests that stop or kill it midway. */
    public record Running(Process process, Path out, Path err) {
        public String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        public String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    /** Starts the launcher and returns at once; {@code exec java} makes the process the JVM itself. */
    public Running spawn(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = builder(command);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(builder.start(), out, err);
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> e = builder.environment();
        for (String inherited : List.of("NO_COLOR", "CLICOLOR_FORCE", "XDG_DATA_HOME", "XDG_STATE_HOME",
                "XDG_CONFIG_HOME", "JTS_FLEET_DEBUG", "JTS_FLEET_JAVA_OPTS", "COLUMNS")) {
            e.remove(inherited);
        }
        e.put("JTS_FLEET_JAR", jar().toString());
        e.putAll(env);
        return builder;
    }

    /**
     * The shell command line that runs the launcher as {@link #run} does (same environment and directory), for a
     * terminal (tmux) to start.
     */
    public String shellCommand(String... args) {
        StringBuilder line = new StringBuilder("cd ").append(quote(workDir.toString())).append(" && env");
        for (String inherited : List.of("NO_COLOR", "CLICOLOR_FORCE", "XDG_DATA_HOME", "XDG_STATE_HOME",
                "XDG_CONFIG_HOME", "JTS_FLEET_DEBUG", "JTS_FLEET_JAVA_OPTS", "COLUMNS")) {
            if (!env.containsKey(inherited)) {
                line.append(" -u ").append(inherited);
            }
        }
        line.append(" JTS_FLEET_JAR=").append(quote(jar().toString()));
        env.forEach((k, v) -> line.append(' ').append(k).append('=').append(quote(v)));
        line.append(" sh ").append(quote(script().toString()));
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        return line.toString();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private Result start(List<String> command, byte[] stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(command);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jts-fleet " + String.join(" ", args) + " did not finish in 180 s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), List.of(args));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
