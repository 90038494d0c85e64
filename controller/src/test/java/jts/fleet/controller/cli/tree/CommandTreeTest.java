package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.monitor.Check;
import jts.fleet.controller.cli.monitor.Watch;
import jts.fleet.controller.cli.status.Status;
import jts.fleet.controller.shell.ShellCommand;
import picocli.CommandLine;

/** The one-command tree a CLI run builds parses its line exactly as the whole tree does. */
class CommandTreeTest {
    /** A front end as Main hands one in (the shell), registered above the tree. */
    @CommandLine.Command(name = "front", description = "A front end.")
    static final class Front implements Runnable {
        @Override
        public void run() {
        }
    }

    private static final Class<?>[] FRONT_ENDS = {Front.class};
    private final AppContext context = new AppContext(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), false, Clock.systemUTC());

    @Test
    void aNamedCommandIsFoundAfterTheTopLevelOptions() {
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "status", "-o", "json")).contains(Status.class);
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "-vv", "--log-file", "status", "check")).contains(Check.class);
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "--verbose", "--log-file=/tmp/x", "watch")).contains(Watch.class);
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "__complete", "hosts")).contains(CompleteCommand.class);
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "-v", "front")).contains(Front.class);
        assertThat(CommandTree.forArguments(context, FRONT_ENDS, "front").getSubcommands()).containsOnlyKeys("front");
    }

    /**
     * The tree's factory makes every command and mixin of the tree as picocli's default factory makes it (without
     * that factory's class initialiser, see {@code ContextFactory.newInstance}): the same class with the same field
     * values, a command bound to the context; an interface (a collection option's value) as that factory makes it.
     */
    @Test
    void theFactoryMakesCommandsAndMixinsAsPicocliDefaultFactory() throws Exception {
        CommandTree.ContextFactory factory = new CommandTree.ContextFactory(context);
        List<Class<?>> types = new ArrayList<>();
        CommandModelsTest.walk(CommandModelsTest.tree(CommandTree.Models.ANNOTATIONS),
                cmd -> withMixins(cmd.getCommandSpec(), types));
        assertThat(types).hasSizeGreaterThan(40);
        for (Class<?> type : types) {
            Object made = factory.create(type);
            Object picocli = CommandLine.defaultFactory().create(type);
            assertThat(made).as("%s", type).isExactlyInstanceOf(picocli.getClass());
            assertThat(ModelDump.fields(made)).as("%s", type).isEqualTo(ModelDump.fields(picocli));
            if (made instanceof jts.fleet.controller.cli.AppCommand command) {
                assertThatThrownBy(() -> command.bind(context)).as("%s is bound", type)
                        .isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(factory.create(List.class)).isInstanceOf(ArrayList.class);
        assertThat(factory.create(java.util.SortedMap.class)).isInstanceOf(java.util.TreeMap.class);
    }

    private static void withMixins(CommandLine.Model.CommandSpec spec, List<Class<?>> types) {
        types.add(spec.userObject().getClass());
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            withMixins(mixin, types);
        }
    }

    @Test
    void commandsAreFoundByTheNamesTheirAnnotationsGive() {
        java.util.Map<String, Class<?>> annotated = new java.util.LinkedHashMap<>();
        for (Class<?> sub : CommandTree.subcommands()) {
            CommandLine.Command command = sub.getAnnotation(CommandLine.Command.class);
            annotated.put(command.name(), sub);
            for (String alias : command.aliases()) {
                annotated.put(alias, sub);
            }
        }
        assertThat(CommandTree.subcommandNames()).containsExactlyEntriesOf(annotated);
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS)).isEmpty();
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "--help")).isEmpty();
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "stauts")).isEmpty();
        assertThat(CommandTree.namedSubcommand(FRONT_ENDS, "--no-such-option", "status")).isEmpty();
        int every = CommandTree.subcommands().length + FRONT_ENDS.length + 1; // + the hidden __complete
        assertThat(CommandTree.forArguments(context, FRONT_ENDS, "--help").getSubcommands()).hasSize(every);
        assertThat(CommandTree.forArguments(context, FRONT_ENDS, "stauts").getSubcommands()).hasSize(every);
    }

    @Test
    void theOneCommandTreeHoldsOnlyThatCommandAndParsesTheSameLine() {
        String[] line = {"-v", "bench", "compare", "a", "b", "--latency-threshold", "7"};
        CommandLine small = CommandTree.forArguments(context, FRONT_ENDS, line);
        assertThat(small.getSubcommands()).containsOnlyKeys("bench");
        CommandLine.ParseResult fromSmall = small.parseArgs(line);
        CommandLine.ParseResult fromWhole = CommandTree.create(context, FRONT_ENDS).parseArgs(line);
        assertThat(leafOf(fromSmall).originalArgs()).isEqualTo(leafOf(fromWhole).originalArgs());
        assertThat(leafOf(fromSmall).commandSpec().qualifiedName()).isEqualTo("jts-fleet bench compare")
                .isEqualTo(leafOf(fromWhole).commandSpec().qualifiedName());
        assertThat(leafOf(fromSmall).matchedOptions()).extracting(o -> o.longestName())
                .containsExactlyElementsOf(leafOf(fromWhole).matchedOptions().stream().map(o -> o.longestName()).toList());
    }

    /**
     * Every {@code Duration} option, the shell's included, reads {@code 1500ms} and refuses {@code 10} with the hint
     * ({@code DurationConverter}, the inventory's rule): one left to picocli's own converter would take only
     * ISO-8601 {@code PT1.5S}.
     */
    @Test
    void everyDurationOptionOfTheTreeReadsDurationsByTheInventorysRule() {
        CommandLine tree = CommandTree.create(context, ShellCommand.class);
        List<String> checked = new ArrayList<>();
        durationOptions(tree, (command, option) -> {
            String where = command.getCommandSpec().qualifiedName() + " " + option.longestName();
            parseIgnoringMissing(tree, line(command, option.longestName(), "1500ms"));
            assertThat((Duration) option.getValue()).as(where).isEqualTo(Duration.ofMillis(1500));
            assertThatThrownBy(() -> tree.parseArgs(line(command, option.longestName(), "10"))).as(where)
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("did you mean 10s?");
            checked.add(where);
        });
        assertThat(checked).contains("jts-fleet check --gap", "jts-fleet watch --interval",
                "jts-fleet status --connect-timeout", "jts-fleet bench run --run-timeout", "jts-fleet shell --keepalive",
                "jts-fleet shell --timeout");
    }

    /**
     * picocli's built-in converters the tree leaves out ({@link CommandTree#CONVERTERS_LEFT_OUT}) are needed by no
     * option or parameter of any class of jts-fleet, the shell's own commands included: each of those types names its
     * own converter.
     */
    @Test
    void noOptionNeedsABuiltInConverterTheTreeLeavesOut() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(CommandTree.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        List<String> members = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(classes.resolve("jts"))) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                if (!file.toString().endsWith(".class")) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, CommandTree.class.getClassLoader());
                List<java.lang.reflect.AnnotatedElement> annotated = new ArrayList<>(List.of(type.getDeclaredFields()));
                annotated.addAll(List.of(type.getDeclaredMethods()));
                for (java.lang.reflect.AnnotatedElement member : annotated) {
                    CommandLine.Option option = member.getAnnotation(CommandLine.Option.class);
                    CommandLine.Parameters parameters = member.getAnnotation(CommandLine.Parameters.class);
                    if (option == null && parameters == null) {
                        continue;
                    }
                    members.add(member.toString());
                    int converters = option != null ? option.converter().length : parameters.converter().length;
                    java.lang.reflect.Type valueType = member instanceof java.lang.reflect.Field field
                            ? field.getGenericType() : ((java.lang.reflect.Method) member).getGenericParameterTypes()[0];
                    if (valueType.getTypeName().matches(".*" + CommandTree.CONVERTERS_LEFT_OUT) && converters == 0) {
                        leftOut.add(member.toString());
                    }
                }
            }
        }
        assertThat(members).as("options found").hasSizeGreaterThan(50)
                .anyMatch(m -> m.endsWith("DeadlineOptions.commandTimeout"))
                .anyMatch(m -> m.endsWith("shell.SampleInterval.seconds"));
        assertThat(leftOut).as("options of a type whose built-in converter is left out, without their own").isEmpty();
    }

    /** picocli matches the expression against the types of its reflective converters: only Path's is kept. */
    @Test
    void theConvertersLeftOutAreThoseOfJavaSqlAndJavaTimeTypes() {
        assertThat(List.of("java.sql.Time", "java.sql.Connection", "java.sql.Driver", "java.sql.Timestamp",
                "java.time.Duration", "java.time.Instant", "java.time.ZonedDateTime", "java.time.ZoneOffset"))
                .allMatch(type -> type.matches(CommandTree.CONVERTERS_LEFT_OUT));
        assertThat("java.nio.file.Path").doesNotMatch(CommandTree.CONVERTERS_LEFT_OUT);
    }

    private static void durationOptions(CommandLine command,
            java.util.function.BiConsumer<CommandLine, CommandLine.Model.OptionSpec> action) {
        for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
            if (option.type() == Duration.class) {
                action.accept(command, option);
            }
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> durationOptions(sub, action));
    }

    /** The command line naming {@code command} from the top, then {@code args}. */
    private static String[] line(CommandLine command, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            line.add(0, c.getCommandName());
        }
        return line.toArray(new String[0]);
    }

    /** Parses a line; the named command's required options, not given here, may be missing. */
    private static void parseIgnoringMissing(CommandLine tree, String... args) {
        try {
            tree.parseArgs(args);
        } catch (CommandLine.MissingParameterException e) {
            // the option given was read before the required ones were found missing
        }
    }

    private static CommandLine.ParseResult leafOf(CommandLine.ParseResult result) {
        CommandLine.ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }
}
