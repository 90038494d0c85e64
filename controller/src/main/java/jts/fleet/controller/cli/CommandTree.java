package jts.fleet.controller.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Clock;

import jts.fleet.controller.ExitCodes;
import jts.fleet.inventory.InventoryException;
import picocli.CommandLine;

/**
 * Builds the one command tree used by the CLI and the shell. Commands get the {@link AppContext} through
 * their constructor (a picocli factory), exceptions map to exit codes here and nowhere else.
 */
public final class CommandTree {
    private CommandTree() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, boolean terminal) {
        return create(new AppContext(out, err, terminal, Clock.systemDefaultZone()));
    }

    public static CommandLine create(AppContext context) {
        CommandLine cmd = new CommandLine(new JtsFleetCommand(), new ContextFactory(context));
        for (Class<?> sub : subcommands()) {
            cmd.addSubcommand(sub);
        }
        shareVersion(cmd, new VersionProvider());
        cmd.setOut(context.out());
        cmd.setErr(context.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(context, ex));
        cmd.setParameterExceptionHandler((ex, args) -> {
            context.err().println("jts-fleet: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, context.err());
            context.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            // check is a Nagios plugin: its usage errors are UNKNOWN (3), never CRITICAL (2)
            if (ex.getCommandLine().getCommand() instanceof MonitorCommands.Check) {
                context.out().println("JTS-FLEET STORAGE UNKNOWN - " + ex.getMessage());
                return jts.fleet.controller.monitor.Severity.UNKNOWN.exitCode();
            }
            return ExitCodes.USAGE;
        });
        return cmd;
    }

    /** {@code --version} works on every subcommand, not only at the top. */
    private static void shareVersion(CommandLine cmd, VersionProvider provider) {
        if (cmd.getCommandSpec().versionProvider() == null) {
            cmd.getCommandSpec().versionProvider(provider);
        }
        cmd.getSubcommands().values().forEach(sub -> shareVersion(sub, provider));
    }

    /** Every top-level subcommand, in the order of --help. */
    static Class<?>[] subcommands() {
        return new Class<?>[] {
            StatusCommand.class,
            InventoryCommand.class,
            SnapshotCommand.class,
            TuningCommands.Plan.class,
            TuningCommands.Apply.class,
            TuningCommands.Verify.class,
            TuningCommands.Rollback.class,
            TrimCommand.class,
            BenchCommands.Bench.class,
            BenchCommands.Experiment.class,
            MonitorCommands.Watch.class,
            MonitorCommands.Check.class,
            MonitorCommands.Monitor.class,
            RenderCommand.class,
            jts.fleet.controller.shell.ShellCommand.class,
        };
    }

    static int handle(AppContext context, Exception ex) {
        Throwable cause = ex;
        if (cause instanceof InventoryException) {
            context.err().println("jts-fleet: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof UsageException || cause instanceof jts.fleet.controller.bench.BenchStore.UnknownRunException) {
            context.err().println("jts-fleet: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof ExitException exit) {
            context.err().println("jts-fleet: " + cause.getMessage());
            return exit.code();
        }
        if (cause instanceof java.nio.file.NoSuchFileException missing) {
            context.err().println("jts-fleet: " + missing.getFile() + ": no such file or directory");
            return ExitCodes.USAGE;
        }
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            context.err().println("jts-fleet: " + denied.getFile() + ": permission denied");
            return ExitCodes.SOFTWARE;
        }
        context.err().println("jts-fleet: internal error: " + cause);
        if (System.getenv("JTS_FLEET_DEBUG") != null) {
            cause.printStackTrace(context.err());
        }
        return ExitCodes.SOFTWARE;
    }

    /** Creates commands with an {@code (AppContext)} constructor when they have one. */
    private record ContextFactory(AppContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withContext = type.getDeclaredConstructor(AppContext.class);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
