package jts.fleet.controller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jts.fleet.controller.Main;
import jts.fleet.controller.testing.OverlayNamespace;

/**
 * The CLI as a child process (this test JVM's java and class path), for what an in-process run cannot show:
 * when each line appeared, when the process exited, how it answers signals (SIGINT). Lines are kept with the
 * time they arrived, counted from the start.
 */
public final class CliProcess implements AutoCloseable {
    /** One line of output and when it arrived. */
    public record Line(Duration at, String text) {
    }

    private final Process process;
    private final long started = System.nanoTime();
    private final List<Line> out = new CopyOnWriteArrayList<>();
    private final List<Line> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), out, "cli-out");
        this.errReader = reader(process.getErrorStream(), err, "cli-err");
    }

    /** Starts {@code jts-fleet args...} in {@code workDir} with {@code umask} (e.g. {@code "000"}), if given. */
    public static CliProcess start(Path workDir, Optional<String> umask, String... args) throws IOException {
        return start(workDir, umask, List.of(), args);
    }

    /** The same with extra JVM options (e.g. {@code -Xmx96m}). */
    public static CliProcess start(Path workDir, Optional<String> umask, List<String> jvmOptions, String... args)
            throws IOException {
        return start(workDir, umask, jvmOptions, java.util.Map.of(), args);
    }

    /** The same with extra environment variables (e.g. a PATH with fake tools first). */
    public static CliProcess start(Path workDir, Optional<String> umask, List<String> jvmOptions,
            java.util.Map<String, String> env, String... args) throws IOException {
        return launch(command(umask, jvmOptions, args), workDir, env);
    }

    /**
     * {@code jts-fleet args...} as {@link #start(Path, Optional, String...)}, inside a private mount namespace whose
     * /etc, /usr/local and /var/lib are overlays ({@link OverlayNamespace} over {@code overlayRoot}): what it writes
     * on this machine as a host lands there. Root only.
     */
    public static CliProcess startInOverlay(Path overlayRoot, Path workDir, Optional<String> umask, String... args)
            throws IOException {
        return launch(OverlayNamespace.command(overlayRoot, command(umask, List.of(), args)), workDir,
                java.util.Map.of());
    }

    private static List<String> command(Optional<String> umask, List<String> jvmOptions, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a test run started in the background of a non-interactive shell (nohup, `cmd &` without job control)
        // hands SIGINT down as ignored, and a JVM that starts with SIGINT ignored never sees Ctrl-C: reset it
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        if (umask.isPresent()) {
            command.addAll(List.of("sh", "-c", "umask " + umask.get() + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static CliProcess launch(List<String> command, Path workDir, java.util.Map<String, String> env)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("HOME", workDir.toString());
        builder.environment().remove("XDG_DATA_HOME");
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    public static CliProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Optional.empty(), args);
    }

    private Thread reader(InputStream in, List<Line> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(new Line(Duration.ofNanos(System.nanoTime() - started), line));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Writes {@code text} to the process's stdin (a shell reading lines from a pipe runs each line). */
    public void type(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Ends the process's stdin (a shell reading lines from a pipe then leaves). */
    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    public long pid() {
        return process.pid();
    }

    /** Sends {@code signal} (e.g. {@code "INT"}) to the process. */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the first stderr line matching {@code test}, at most {@code max}; empty when none came. */
    public Optional<Line> awaitErr(Predicate<String> test, Duration max) throws InterruptedException {
        return await(err, test, max);
    }

    /** Waits for the first stdout line matching {@code test}, at most {@code max}. */
    public Optional<Line> awaitOut(Predicate<String> test, Duration max) throws InterruptedException {
        return await(out, test, max);
    }

    private Optional<Line> await(List<Line> lines, Predicate<String> test, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            for (Line l : lines) {
                if (test.test(l.text())) {
                    return Optional.of(l);
                }
            }
            if (System.nanoTime() > deadline || (!process.isAlive() && !outReader.isAlive() && !errReader.isAlive())) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the exit, at most {@code max}; the exit status and when it came, or empty (still running). */
    public Optional<Line> awaitExit(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        Duration at = Duration.ofNanos(System.nanoTime() - started);
        outReader.join(5000);
        errReader.join(5000);
        return Optional.of(new Line(at, Integer.toString(process.exitValue())));
    }

    public String out() {
        return String.join("\n", out.stream().map(Line::text).toList());
    }

    public String err() {
        return String.join("\n", err.stream().map(Line::text).toList());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("--- stdout\n");
        out.forEach(l -> s.append(String.format("%6d ms  %s%n", l.at().toMillis(), l.text())));
        s.append("--- stderr\n");
        err.forEach(l -> s.append(String.format("%6d ms  %s%n", l.at().toMillis(), l.text())));
        return s.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
