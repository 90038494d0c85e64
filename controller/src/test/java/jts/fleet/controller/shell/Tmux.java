package jts.fleet.controller.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jts.fleet.controller.e2e.Launcher;
import jts.fleet.controller.transport.ShellQuote;

/**
 * A program on a real pseudo-terminal: a detached tmux session on a private server socket (so nothing else
 * using tmux on the machine is touched), driven with send-keys and read with capture-pane. Closing kills the
 * private server and with it the program.
 */
public final class Tmux implements AutoCloseable {
    private final String socket;
    private final String session = "shell";

    private Tmux(String socket) {
        this.socket = socket;
    }

    /** Starts {@code shellCommand} (one /bin/sh command line) on a width x height terminal. */
    public static Tmux start(String name, String shellCommand, int width, int height) throws IOException, InterruptedException {
        Tmux tmux = new Tmux("jts-" + name + "-" + ProcessHandle.current().pid());
        tmux.run(List.of("-f", "/dev/null", "new-session", "-d", "-s", tmux.session, "-x", Integer.toString(width),
                "-y", Integer.toString(height), shellCommand));
        return tmux;
    }

    /**
     * {@code jts-fleet shell --inventory INVENTORY} through the built launcher (bin/jts-fleet.in over this build's
     * jar), as an operator starts it, on a width x 50 terminal, with HOME ({@code DIR/home}) and XDG_STATE_HOME
     * ({@code DIR/state}) in the test's directory; the pane prints {@code SHELL-EXIT=status} when it ends.
     */
    public static Tmux launcherShell(String name, Path dir, Path inventory, int width)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        String command = "cd " + ShellQuote.quote(dir.toString())
                + " && env -u NO_COLOR -u CLICOLOR_FORCE -u JTS_FLEET_JAVA_OPTS"
                + " HOME=" + ShellQuote.quote(home.toString())
                + " XDG_STATE_HOME=" + ShellQuote.quote(dir.resolve("state").toString())
                + " JTS_FLEET_JAR=" + ShellQuote.quote(Launcher.jar().toString())
                + " sh " + ShellQuote.quote(Launcher.script().toString())
                + " shell --inventory " + ShellQuote.quote(inventory.toString())
                + "; echo \"SHELL-EXIT=$?\"; sleep 120";
        return start(name, command, width, 50);
    }

    /** Keys as tmux names them: {@code Tab}, {@code Enter}, {@code C-c}, {@code C-d}, {@code Up}. */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args);
    }

    /** Text typed literally (no key-name lookup). */
    public void type(String text) throws IOException, InterruptedException {
        run(List.of("send-keys", "-t", session, "-l", text));
    }

    /** The whole pane with its scrollback, wrapped lines joined. */
    public String screen() throws IOException, InterruptedException {
        return run(List.of("capture-pane", "-p", "-J", "-t", session, "-S", "-"));
    }

    /** The pane and its scrollback with escape sequences (colors), as the terminal received them. */
    public String screenWithEscapes() throws IOException, InterruptedException {
        return run(List.of("capture-pane", "-p", "-e", "-t", session, "-S", "-"));
    }

    /** The last non-empty line of the pane: where the cursor's line is. */
    public String lastLine() throws IOException, InterruptedException {
        String[] lines = screen().stripTrailing().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen when it does not in time. */
    public String await(String what, Duration timeout, Predicate<String> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("terminal never showed " + what + " within " + timeout.toSeconds()
                        + " s; screen:\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux " + args + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("tmux " + args + " exited " + p.exitValue() + ": " + text.strip());
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        Process p = new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
