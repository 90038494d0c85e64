package jts.fleet.controller.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import jts.fleet.controller.transport.ConnectionPool;

/**
 * What every command needs from its front end: where to print, whether that is a terminal (colors,
 * progress), and — in the shell — the session's connection pool and current host selection. The CLI and
 * the shell build the same command tree over different contexts, so each command has one implementation.
 */
public final class AppContext {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private volatile ConnectionPool sharedPool;
    private volatile String currentHosts;
    private volatile SettingsOverrides sessionOverrides = SettingsOverrides.NONE;
    private volatile jts.fleet.controller.fleet.StopSignal activeStop;
    private volatile int terminalWidth = 120;
    private volatile java.util.function.Supplier<String> commandLine = () -> "jts-fleet";
    private volatile Confirmer confirmer = new TtyConfirmer();
    private final InventoryCache inventories = new InventoryCache();

    public AppContext(PrintWriter out, PrintWriter err, boolean terminal, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** True when output goes to a real terminal: colors and progress lines are allowed. */
    public boolean terminal() {
        return terminal;
    }

    public Clock clock() {
        return clock;
    }

    public int terminalWidth() {
        return terminalWidth;
    }

    public void setTerminalWidth(int width) {
        this.terminalWidth = Math.max(40, width);
    }

    /** Inventories loaded by this context's commands, reused while the file is unchanged. */
    InventoryCache inventories() {
        return inventories;
    }

    /** The shell's pool, kept across commands; empty for a one-shot CLI run (each command opens its own). */
    public Optional<ConnectionPool> sharedPool() {
        return Optional.ofNullable(sharedPool);
    }

    public void setSharedPool(ConnectionPool pool) {
        this.sharedPool = pool;
    }

    /** Deadlines and caps the shell was started with: below each command's own options, above the inventory's. */
    public SettingsOverrides sessionOverrides() {
        return sessionOverrides;
    }

    public void setSessionOverrides(SettingsOverrides overrides) {
        this.sessionOverrides = Objects.requireNonNull(overrides, "overrides");
    }

    /** The stop signal of the command that is changing hosts now, if any: where Ctrl-C goes first. */
    public Optional<jts.fleet.controller.fleet.StopSignal> activeStop() {
        return Optional.ofNullable(activeStop);
    }

    void setActiveStop(jts.fleet.controller.fleet.StopSignal stop) {
        this.activeStop = stop;
    }

    /** The command being run, as its change record shows it (secrets hidden: {@link jts.fleet.controller.change.CommandLineText}). */
    public String commandLine() {
        return commandLine.get();
    }

    public void setCommandLine(String text) {
        Objects.requireNonNull(text, "text");
        this.commandLine = () -> text;
    }

    /**
     * The command line made when something first asks for it: only commands that write a change record do, and
     * making it (regular expressions over every option and word) is a few milliseconds of every one-shot run.
     */
    public void setCommandLine(java.util.function.Supplier<String> text) {
        Objects.requireNonNull(text, "text");
        this.commandLine = new java.util.function.Supplier<>() {
            private String made;

            @Override
            public synchronized String get() {
                if (made == null) {
                    made = Objects.requireNonNull(text.get(), "command line");
                }
                return made;
            }
        };
    }

    /** Who is asked before a large change: the terminal in the CLI, the line reader in the shell. */
    public Confirmer confirmer() {
        return confirmer;
    }

    public void setConfirmer(Confirmer value) {
        this.confirmer = Objects.requireNonNull(value, "confirmer");
    }

    /** The shell's {@code use} selection; empty in the CLI (default {@code all}). */
    public Optional<String> currentHosts() {
        return Optional.ofNullable(currentHosts);
    }

    public void setCurrentHosts(String pattern) {
        this.currentHosts = pattern;
    }

    /** The user's directories ($HOME and XDG): history, bench store, logs, known_hosts default. */
    public static jts.fleet.inventory.UserDirs userDirs() {
        return jts.fleet.inventory.UserDirs.current();
    }
}
