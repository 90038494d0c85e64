package jts.fleet.controller.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.tree.CommandTree;
import jts.fleet.controller.cli.Interrupts;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The read-execute loop of {@code jts-fleet shell}. Every line runs through the same picocli tree as the CLI
 * ({@link CommandTree#create(AppContext, Class[])}), plus the shell's own commands, over a context whose output is the
 * terminal and whose pool is the session's. Commands run on a worker thread so that the reader's thread stays
 * free to take Ctrl-C, which interrupts the worker: the fleet runner stops waiting, transports abandon their
 * channels, and the command ends with what it has.
 */
public final class Shell {
    /** How long a command may take to stop after Ctrl-C before the shell leaves it behind. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Terminal terminal;
    private final ShellSession session;
    private final AppContext context;
    private final Optional<Path> historyFile;
    private final Object runningLock = new Object();
    private CommandLine tree; // only touched by the reader thread
    private Thread running; // guarded by runningLock
    private boolean stopRequested; // guarded by runningLock

    public Shell(Terminal terminal, ShellSession session, Optional<Path> historyFile) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.session = Objects.requireNonNull(session, "session");
        this.context = session.context();
        this.historyFile = Objects.requireNonNull(historyFile, "historyFile");
        context.setConfirmer(new LineReaderConfirmer(terminal));
    }

    /** The command tree of the shell: the CLI's tree plus the shell commands, --inventory defaulting to the shell's. */
    CommandLine tree() {
        if (tree == null) {
            tree = buildTree();
        }
        return tree;
    }

    private CommandLine buildTree() {
        CommandLine cmd = CommandTree.create(context, ShellCommand.class);
        addIfAbsent(cmd, "use", new UseCommand(context, session));
        addIfAbsent(cmd, "hosts", new HostsCommand(context, session));
        addIfAbsent(cmd, "diskstats", new DiskstatsCommand(context, session));
        addIfAbsent(cmd, "top", new TopCommand(context, session));
        addIfAbsent(cmd, "run-check", new RunCheckCommand(context));
        addIfAbsent(cmd, "journal", new JournalCommand(context));
        addIfAbsent(cmd, "exit", new ExitCommand(session));
        addIfAbsent(cmd, "help", new CommandLine.HelpCommand());
        CommandTree.configure(cmd, context); // the shell's own commands print where the others do
        // The shell's --inventory, --ssh-config and --policy are every command's defaults, so `status` in the shell
        // reads the same files.
        // A provider rather than a field in AppContext: it reaches every command that has the option, now and later.
        Optional<String> inventory = session.inventoryFile().map(Path::toString);
        Map<String, Optional<String>> defaults = Map.of("--inventory", inventory, "--ssh-config", session.sshConfig(),
                "--policy", session.policy());
        cmd.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
                ? defaults.getOrDefault(option.longestName(), Optional.empty()).orElse(null) : null);
        return cmd;
    }

    private static void addIfAbsent(CommandLine cmd, String name, Object command) {
        if (!cmd.getSubcommands().containsKey(name)) {
            cmd.addSubcommand(name, command);
        }
    }

    LineReader reader() {
        DefaultParser parser = new DefaultParser();
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jts-fleet")
                .parser(parser)
                .completer(new ShellCompleter(this::tree, session))
                // '!' is a pattern operator (all:!db-01), not a history event
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .variable(LineReader.HISTORY_SIZE, 5000)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000);
        if (historyFile.isPresent()) {
            try {
                Path file = historyFile.get().toAbsolutePath();
                // host names and patterns of an incident are nobody else's business: owner-only, like bash
                jts.fleet.controller.OwnFiles.createFile(file, jts.fleet.controller.OwnFiles.Access.PRIVATE);
                builder.variable(LineReader.HISTORY_FILE, file);
            } catch (IOException e) {
                context.err().println("jts-fleet: history not kept: cannot create " + historyFile.get()
                        + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** Reads and runs lines until Ctrl-D or {@code exit}; returns the shell's exit status (0). */
    public int run() {
        LineReader reader = reader();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interruptRunning());
        try {
            while (!session.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt drops the line, like bash
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                if (line == null) {
                    break;
                }
                List<String> words = words(reader.getParsedLine());
                if (!words.isEmpty()) {
                    execute(words);
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                context.err().println("jts-fleet: cannot save history to " + historyFile.map(Path::toString).orElse("-")
                        + ": " + e.getMessage());
            }
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    String prompt() {
        return "jts-fleet[" + session.selection() + "]> ";
    }

    private void updateWidth() {
        int width = terminal.getWidth();
        if (width > 0) {
            context.setTerminalWidth(width);
        }
    }

    private static List<String> words(ParsedLine parsed) {
        List<String> words = new ArrayList<>();
        if (parsed == null) {
            return words;
        }
        for (String w : parsed.words()) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * Runs one command line on a worker thread and waits for it. Returns its exit status; after Ctrl-C, the
     * status of the stopped command, or {@link ExitCodes#SOFTWARE} when it did not stop within
     * {@link #STOP_GRACE} and was left behind (the tree is rebuilt so the next command does not share state
     * with it).
     */
    int execute(List<String> words) {
        if (words.get(0).equals("shell")) {
            context.err().println("jts-fleet: already in the shell");
            context.err().flush();
            return ExitCodes.USAGE;
        }
        updateWidth(); // the window may have been resized since the last command
        CommandLine cmd = tree();
        int[] status = {ExitCodes.SOFTWARE};
        String[] args = words.toArray(String[]::new);
        Thread worker = new Thread(() -> status[0] = cmd.execute(args), "jts-shell-" + words.get(0));
        worker.setDaemon(true);
        synchronized (runningLock) {
            running = worker;
            stopRequested = false;
        }
        worker.start();
        long giveUpAt = Long.MAX_VALUE;
        boolean abandoned = false;
        while (worker.isAlive()) {
            try {
                worker.join(100);
            } catch (InterruptedException e) {
                interruptRunning();
            }
            synchronized (runningLock) {
                if (stopRequested && giveUpAt == Long.MAX_VALUE) {
                    giveUpAt = System.nanoTime() + STOP_GRACE.toNanos();
                }
            }
            if (worker.isAlive() && System.nanoTime() - giveUpAt > 0) {
                abandoned = true;
                break;
            }
        }
        boolean stopped;
        synchronized (runningLock) {
            running = null;
            stopped = stopRequested;
        }
        context.out().flush();
        if (abandoned) {
            tree = null;
            context.err().println("jts-fleet: '" + words.get(0) + "' did not stop within " + STOP_GRACE.toSeconds()
                    + " s; left running in the background (its host-side timeout still applies)");
        } else if (stopped) {
            context.err().println("jts-fleet: '" + words.get(0) + "' interrupted");
        }
        for (String notice : session.drainNotices()) {
            context.err().println("jts-fleet: " + notice);
        }
        context.err().flush();
        return abandoned ? ExitCodes.SOFTWARE : status[0];
    }

    /**
     * Ctrl-C while a command runs: for a command that changes hosts (apply, rollback, trim) the first one stops it
     * gracefully and a second one aborts (see {@link Interrupts}); any other command has its thread interrupted
     * (the signal handler and tests call this).
     */
    void interruptRunning() {
        Interrupts.onInterrupt(context, this::interruptWorker, this::interruptWorker);
    }

    private void interruptWorker() {
        Thread worker;
        synchronized (runningLock) {
            worker = running;
            if (worker != null) {
                stopRequested = true;
            }
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
