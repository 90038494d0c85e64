package jts.fleet.controller.cli.tree;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ExitException;
import jts.fleet.controller.cli.HelpText;
import jts.fleet.controller.cli.Logging;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.cli.VersionProvider;
import jts.fleet.controller.cli.bench.BenchGroup;
import jts.fleet.controller.cli.bench.Experiment;
import jts.fleet.controller.cli.history.History;
import jts.fleet.controller.cli.inventory.InventoryGroup;
import jts.fleet.controller.cli.monitor.Check;
import jts.fleet.controller.cli.monitor.MonitorGroup;
import jts.fleet.controller.cli.monitor.Watch;
import jts.fleet.controller.cli.render.RenderGroup;
import jts.fleet.controller.cli.status.Snapshot;
import jts.fleet.controller.cli.status.Status;
import jts.fleet.controller.cli.trim.Trim;
import jts.fleet.controller.cli.tuning.Apply;
import jts.fleet.controller.cli.tuning.Plan;
import jts.fleet.controller.cli.tuning.Rollback;
import jts.fleet.controller.cli.tuning.Verify;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Builds the one command tree used by the CLI and the shell. Commands get the {@link AppContext} from its factory
 * ({@link AppCommand#bind}), exceptions map to exit codes here and nowhere else. Front ends above
 * the commands (the interactive shell) are handed in by the caller ({@code Main}), so no command imports them.
 */
public final class CommandTree {
    /**
     * The built-in picocli converters this tree leaves out, those of {@code java.sql} and {@code java.time} types: no
     * option of jts-fleet has a {@code java.sql} type, and its {@code java.time.Duration} options name their own
     * converter ({@link jts.fleet.controller.cli.DurationConverter}; {@code CommandTreeTest} holds every option to
     * this). picocli registers its built-ins in each new {@code CommandLine}, loading and initialising these classes by
     * reflection: ~3 ms of a one-shot run. The regular expression is as short as picocli's list allows (the only other
     * type it is matched against is {@code java.nio.file.Path}): picocli compiles it again for each of the ~20 types.
     */
    static final String CONVERTERS_LEFT_OUT = "java\\.[st].*";
    /** The system property picocli reads the converters to leave out from. */
    static final String CONVERTERS_PROPERTY = "picocli.converters.excludes";

    static {
        // picocli reads the property at each registration; a value given on the JVM's command line wins
        if (System.getProperty(CONVERTERS_PROPERTY) == null) {
            System.setProperty(CONVERTERS_PROPERTY, CONVERTERS_LEFT_OUT);
        }
    }

    private CommandTree() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, boolean terminal, Class<?>... frontEnds) {
        return create(new AppContext(out, err, terminal, Clock.systemDefaultZone()), frontEnds);
    }

    /**
     * The tree of every command, then {@code frontEnds} (commands that drive this tree themselves, like
     * {@code shell}), listed last in --help in the given order (the shell, the generated docs, top-level help).
     */
    public static CommandLine create(AppContext context, Class<?>... frontEnds) {
        return create(context, Models.GENERATED, frontEnds);
    }

    /** The same with the command models from {@code models} (tests compare the two). */
    static CommandLine create(AppContext context, Models models, Class<?>... frontEnds) {
        List<Class<?>> all = new java.util.ArrayList<>(List.of(subcommands()));
        all.addAll(List.of(frontEnds));
        all.add(CompleteCommand.class); // hidden: for the completion scripts only
        return build(context, all, models);
    }

    /**
     * Runs one command line of the CLI: the plain lines of the one-shot commands ({@link DirectLine}) without building a
     * picocli model, anything else through the tree {@link #forArguments} builds for it; the same exit code, output and
     * errors either way.
     */
    public static int execute(AppContext context, Class<?>[] frontEnds, String... args) {
        ContextFactory factory = new ContextFactory(context);
        AppCommand direct;
        try {
            direct = DirectLine.parse(factory, args);
        } catch (Exception e) {
            // picocli makes the command itself and reports what failed, if anything does for it (DirectLineTest
            // keeps DirectLine's bindings to picocli's members, so this is a broken build)
            System.getLogger(CommandTree.class.getName()).log(System.Logger.Level.DEBUG,
                    "the command line is left to picocli: reading it directly failed", e);
            direct = null;
        }
        if (direct == null) {
            return forArguments(context, frontEnds, args).execute(args);
        }
        // as LoggedExecution and picocli's RunLast do for the same command parsed by picocli: a direct line has
        // neither -v nor --log-file; a command's exception goes to the one exit-code mapping, an Error propagates
        Logging.configure(0, java.util.Optional.empty());
        context.setCommandLine(new ParsedCommandLine(context, frontEnds, args));
        try {
            Integer code = direct.call();
            return code != null ? code : ExitCodes.OK;
        } catch (Exception e) {
            return handle(context, e);
        }
    }

    /**
     * The tree one command line needs: when {@code args} name a subcommand (or one of {@code frontEnds}), only
     * that command's model is built, from its generated model ({@link Models#GENERATED}). Anything else (top-level
     * help, an unknown or misspelt command, which picocli answers with suggestions) gets the whole tree.
     */
    public static CommandLine forArguments(AppContext context, Class<?>[] frontEnds, String... args) {
        return forArguments(context, Models.GENERATED, frontEnds, args);
    }

    /** The same with the command models from {@code models} (tests compare the two). */
    static CommandLine forArguments(AppContext context, Models models, Class<?>[] frontEnds, String... args) {
        // isPresent, not Optional.map: on a one-shot run each lambda's first use is ~60 us, and this class links
        // nothing else here (the loops below avoid streams and regular expressions for the same reason)
        java.util.Optional<Class<?>> named = namedSubcommand(frontEnds, args);
        return named.isPresent() ? build(context, List.of(named.get()), models) : create(context, models, frontEnds);
    }

    /**
     * The top-level command (of the tree or {@code frontEnds}) that {@code args} name after the top-level options
     * that may precede it ({@code -v}, {@code --log-file FILE}); empty when the line names none or has another
     * option first.
     */
    static java.util.Optional<Class<?>> namedSubcommand(Class<?>[] frontEnds, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--log-file".equals(arg)) {
                i++;
            } else if (!loggingOption(arg)) {
                String name = arg;
                Class<?> named = subcommand(name);
                if (named != null) {
                    return java.util.Optional.of(named);
                }
                if (CompleteCommand.NAME.equals(name)) {
                    // by its name, not its annotation: the completion scripts run it at every TAB
                    return java.util.Optional.of(CompleteCommand.class);
                }
                // a front end (the shell) is read from its annotations anyway
                for (Class<?> frontEnd : frontEnds) {
                    Command command = frontEnd.getAnnotation(Command.class);
                    if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
                        return java.util.Optional.of(frontEnd);
                    }
                }
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code -v}, {@code -vv}..., {@code --verbose} or {@code --log-file=FILE}: a top-level option before the command. */
    private static boolean loggingOption(String arg) {
        if (arg.equals("--verbose") || arg.startsWith("--log-file=")) {
            return true;
        }
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if (arg.charAt(i) != 'v') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the picocli model of a command comes from. picocli reading a command's annotations at run time was ~40 %
     * of a local {@code status}'s start-up: each annotation type becomes a dynamic proxy class (~6 per run, ~20 ms for
     * the first {@code @Command}), which no class-data archive can hold, and every member of every class of the
     * command is scanned.
     */
    enum Models {
        /**
         * The models generated at build time from the annotations ({@link CommandModels}): every command of the tree;
         * a class they do not cover (a front end such as the shell) is read from its annotations.
         */
        GENERATED,
        /** picocli reads every command's annotations: the truth the generated models are tested against. */
        ANNOTATIONS
    }

    private static CommandLine build(AppContext context, List<Class<?>> subcommands, Models models) {
        ContextFactory factory = new ContextFactory(context);
        if (models == Models.ANNOTATIONS) {
            CommandLine cmd = new CommandLine(new JtsFleetCommand(), factory);
            subcommands.forEach(cmd::addSubcommand);
            return configure(cmd, context);
        }
        CommandLine cmd = new CommandLine(CommandModels.spec(new JtsFleetCommand(), factory), factory);
        for (Class<?> sub : subcommands) {
            cmd.addSubcommand(ModelParts.subcommand(sub, factory));
        }
        return configure(cmd, context);
    }

    /**
     * What every command of the tree shares: --version, the command lists, the front end's writers, enum values in
     * any case, the one exit-code mapping. picocli applies these to the commands present, so a front end that adds
     * its own commands to the tree (the shell) calls this again after adding them.
     */
    public static CommandLine configure(CommandLine cmd, AppContext context) {
        shareVersion(cmd, new VersionProvider());
        summariesInCommandLists(cmd);
        cmd.setOut(context.out());
        cmd.setErr(context.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // Named classes, not lambdas, for picocli's interfaces: while picocli was its jar's Java 5 bytecode, the JVM
        // could not put it in the class-data archive once a lambda implementing one of them linked it at dump time
        // (~26 picocli classes were then read and verified from the jar on every run). The build now compiles picocli
        // to Java 17 class files (controller/pom.xml); a named class costs nothing either way.
        cmd.setExecutionExceptionHandler(new ExceptionsToExitCodes(context));
        cmd.setExecutionStrategy(new LoggedExecution(context));
        cmd.setParameterExceptionHandler(new UsageErrors(context));
        return cmd;
    }

    /**
     * picocli's answer to a command that only groups subcommands (neither {@code Runnable} nor {@code Callable}) named
     * without one: a plain {@code ParameterException} on that command.
     */
    static boolean missingSubcommand(CommandLine.ParameterException ex) {
        Object command = ex.getCommandLine().getCommand();
        return ex.getClass() == CommandLine.ParameterException.class && !ex.getCommandLine().getSubcommands().isEmpty()
                && !(command instanceof Runnable) && !(command instanceof java.util.concurrent.Callable<?>);
    }

    /**
     * The command lists of --help show each command's first sentence, whole: picocli's default shows the first
     * line of a description that was wrapped by hand, cut mid-sentence.
     */
    private static void summariesInCommandLists(CommandLine cmd) {
        if (!cmd.getSubcommands().isEmpty()) {
            cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                    new SummaryCommandList());
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
            summariesInCommandLists(sub);
        }
    }

    static String commandList(CommandLine cmd) {
        List<java.util.Map.Entry<String, String>> rows = new java.util.ArrayList<>();
        cmd.getSubcommands().forEach((name, sub) -> {
            var usage = sub.getCommandSpec().usageMessage();
            if (!usage.hidden() && sub.getCommandName().equals(name)) {
                String text = usage.header().length > 0 ? String.join(" ", usage.header())
                        : String.join(" ", usage.description());
                rows.add(java.util.Map.entry(name, HelpText.firstSentence(text)
                        .replace("%n", " ").replace("%%", "%") + "."));
            }
        });
        int width = rows.stream().mapToInt(r -> r.getKey().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        int indent = width + 4;
        int wrapAt = Math.max(indent + 30, cmd.getUsageHelpWidth());
        for (var row : rows) {
            // whole sentences, wrapped at word boundaries under the summary column
            StringBuilder line = new StringBuilder("  ").append(row.getKey())
                    .append(" ".repeat(width - row.getKey().length() + 2));
            for (String word : row.getValue().split(" ")) {
                if (line.length() + 1 + word.length() > wrapAt && line.length() > indent) {
                    out.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(" ".repeat(indent));
                }
                if (line.length() > indent) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** {@code --version} works on every subcommand, not only at the top. */
    private static void shareVersion(CommandLine cmd, VersionProvider provider) {
        if (cmd.getCommandSpec().versionProvider() == null) {
            cmd.getCommandSpec().versionProvider(provider);
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            shareVersion(sub, provider);
        }
    }

    /** -v (any number, on any command of the line) and --log-file, wherever they were written. */
    static void configureLogging(CommandLine.ParseResult parseResult) {
        int verbosity = 0;
        java.util.Optional<java.nio.file.Path> logFile = java.util.Optional.empty();
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            CommandLine.Model.OptionSpec v = r.matchedOption("--verbose");
            if (v != null) {
                verbosity += r.matchedOptionValue("--verbose", new boolean[0]).length;
            }
            if (r.hasMatchedOption("--log-file")) {
                logFile = java.util.Optional.of(r.matchedOptionValue("--log-file", java.nio.file.Path.of("")));
            }
        }
        Logging.configure(verbosity, logFile);
    }

    /**
     * Every top-level subcommand but the front ends, by the name its {@code @Command} gives, in the order of --help
     * (CommandTreeTest checks names and classes against the annotations): a one-shot run finds the command it names
     * without parsing every command's annotation (picocli's annotations become proxy objects; all ~16 cost a cold JVM
     * ~7 ms).
     */
    private static final List<String> SUBCOMMAND_NAMES = List.of("status", "inventory", "snapshot", "plan", "apply",
            "verify", "rollback", "trim", "history", "bench", "experiment", "watch", "check", "monitor", "render");

    /**
     * The top-level subcommand called {@code name}, else null. A switch rather than a map of class literals: a
     * one-shot run loads the class of the command it runs, not those of all ~15.
     */
    static Class<?> subcommand(String name) {
        return switch (name) {
            case "status" -> Status.class;
            case "inventory" -> InventoryGroup.class;
            case "snapshot" -> Snapshot.class;
            case "plan" -> Plan.class;
            case "apply" -> Apply.class;
            case "verify" -> Verify.class;
            case "rollback" -> Rollback.class;
            case "trim" -> Trim.class;
            case "history" -> History.class;
            case "bench" -> BenchGroup.class;
            case "experiment" -> Experiment.class;
            case "watch" -> Watch.class;
            case "check" -> Check.class;
            case "monitor" -> MonitorGroup.class;
            case "render" -> RenderGroup.class;
            default -> null;
        };
    }

    /** Every top-level subcommand but the front ends, in the order of --help. */
    public static Class<?>[] subcommands() {
        Class<?>[] classes = new Class<?>[SUBCOMMAND_NAMES.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = subcommand(SUBCOMMAND_NAMES.get(i));
        }
        return classes;
    }

    /** The same by name (tests). */
    static java.util.Map<String, Class<?>> subcommandNames() {
        java.util.Map<String, Class<?>> byName = new java.util.LinkedHashMap<>();
        for (String name : SUBCOMMAND_NAMES) {
            byName.put(name, subcommand(name));
        }
        return byName;
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
        if (cause instanceof java.io.IOException io) {
            // a local file the command was given or needs (a report directory, the bench store): the user's to fix
            context.err().println("jts-fleet: " + HostText.escape(describe(io)));
            return ExitCodes.USAGE;
        }
        context.err().println("jts-fleet: internal error: " + HostText.escape(String.valueOf(cause)));
        context.err().println("jts-fleet: this is a bug in jts-fleet: please report it with the command line and"
                + " the stack trace");
        if (Logging.enabled()) {
            cause.printStackTrace(context.err());
        } else {
            context.err().println("jts-fleet: run again with -v for the stack trace");
        }
        return ExitCodes.SOFTWARE;
    }

    /** "FILE: what is wrong" for file system errors (Java names them by class), else the message. */
    static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a directory"
                    : e.getClass().getSimpleName();
            return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Exceptions of a command's execution to exit codes ({@link #handle}). */
    private record ExceptionsToExitCodes(AppContext context) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            return handle(context, ex);
        }
    }

    /** Configures logging (-v, --log-file) and records the command line, then runs the command picocli parsed. */
    private record LoggedExecution(AppContext context) implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            configureLogging(parseResult);
            context.setCommandLine(new RecordedCommandLine(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    /** The command line as a change record shows it, made when asked for (a class: a lambda costs every run ~60 us). */
    private record RecordedCommandLine(CommandLine.ParseResult parseResult)
            implements java.util.function.Supplier<String> {
        @Override
        public String get() {
            return jts.fleet.controller.change.CommandLineText.of(parseResult);
        }
    }

    /**
     * The command line of a line run without picocli ({@link DirectLine}), as a change record shows it: picocli parses
     * the line when something first asks (no command that {@code DirectLine} reads writes a change record).
     */
    private record ParsedCommandLine(AppContext context, Class<?>[] frontEnds, String[] args)
            implements java.util.function.Supplier<String> {
        @Override
        public String get() {
            return jts.fleet.controller.change.CommandLineText.of(forArguments(context, frontEnds, args)
                    .parseArgs(args));
        }
    }

    /** Usage errors: the message, suggestions and where to read more, exit 2 (check: UNKNOWN, 3). */
    private record UsageErrors(AppContext context) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            if (missingSubcommand(ex)) {
                // a group named alone (jts-fleet, bench, inventory, monitor, render): its usage, command list
                // included, rather than picocli's one line
                ex.getCommandLine().usage(ex.getCommandLine().getOut());
                return ExitCodes.USAGE;
            }
            context.err().println("jts-fleet: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, context.err());
            context.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            // check is a Nagios plugin: its usage errors are UNKNOWN (3), never CRITICAL (2)
            if (ex.getCommandLine().getCommand() instanceof Check) {
                return Check.unknown(context, ex.getMessage());
            }
            return ExitCodes.USAGE;
        }
    }

    /** The command list section of --help ({@link #commandList}). */
    private static final class SummaryCommandList implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            return commandList(help.commandSpec().commandLine());
        }
    }

    /**
     * Creates commands: an {@link AppCommand} bound to the context; a front end (the shell) through its
     * {@code (AppContext)} constructor; anything else (mixins, converters) as picocli would.
     */
    record ContextFactory(AppContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (AppCommand.class.isAssignableFrom(type)) {
                K command = newInstance(type);
                ((AppCommand) command).bind(context);
                return command;
            }
            Constructor<K> withContext = contextConstructor(type);
            return withContext != null ? withContext.newInstance(context) : newInstance(type);
        }

        /**
         * A class's instance as picocli's default factory makes it: {@code Class.newInstance}, else its no-argument
         * constructor made accessible; interfaces (a collection or map option's value) by that factory itself. Not
         * through it for classes: its class initialiser looks for Groovy's {@code Closure} on the class path, whose
         * absence costs a one-shot run ~2 ms (the jar's central directory read and the JDK's modules searched, then
         * a stack trace filled), and this tree makes no Groovy closure.
         */
        @SuppressWarnings("deprecation") // Class.newInstance, as picocli calls it: a constructor's exception unwrapped
        private static <K> K newInstance(Class<K> type) throws Exception {
            if (type.isInterface()) {
                return CommandLine.defaultFactory().create(type);
            }
            try {
                return type.newInstance();
            } catch (Exception e) {
                Constructor<K> constructor = type.getDeclaredConstructor();
                try {
                    return constructor.newInstance();
                } catch (IllegalAccessException inaccessible) {
                    constructor.setAccessible(true);
                    return constructor.newInstance();
                }
            }
        }

        /**
         * {@code type}'s {@code (AppContext)} constructor, or null. Looked for among its constructors rather than
         * asked for by signature: most types the factory makes have none, and the {@code NoSuchMethodException}
         * that asking throws builds its message with streams ({@code Class.methodToString}), ~3 ms of a one-shot
         * run's start-up.
         */
        @SuppressWarnings("unchecked")
        private static <K> Constructor<K> contextConstructor(Class<K> type) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == AppContext.class) {
                    return (Constructor<K>) constructor;
                }
            }
            return null;
        }
    }
}
