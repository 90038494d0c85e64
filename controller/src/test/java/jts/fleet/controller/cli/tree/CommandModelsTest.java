package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.cli.tree.CommandTree.Models;
import jts.fleet.inventory.testing.Golden;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The generated command models ({@link CommandModels}) are what {@link CommandModelsGenerator} makes of the annotations
 * now (a changed annotation fails here until the file is regenerated), and for every command of the tree the generated
 * model is picocli's model from the annotations: every public attribute of the command, its usage, parser, options,
 * positional parameters and mixins ({@link ModelDump}), its help text, and what it makes of real command lines, the
 * values every field gets or the error, on a first parse and a second one on the same tree (the shell reuses its tree).
 */
class CommandModelsTest {
    @Test
    void theGeneratedModelsAreWhatTheGeneratorMakesOfTheAnnotationsNow() throws Exception {
        Golden.check(Path.of(CommandModelsGenerator.PATH), CommandModelsGenerator.source(),
                CommandModelsGenerator.REGENERATE);
    }

    /** A command using a picocli feature the generator does not write, for the refusal below. */
    @CommandLine.Command(name = "prompting", description = "Asks for a password.")
    static final class Prompting implements Runnable {
        @CommandLine.Option(names = "--password", interactive = true, description = "The password.")
        char[] password;

        @Override
        public void run() {
        }
    }

    @Test
    void theGeneratorRefusesAnAttributeItDoesNotWriteNamingTheMember() {
        assertThatThrownBy(() -> CommandModelsGenerator.source(List.of(Prompting.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Prompting.class.getName() + ".password")
                .hasMessageContaining("@Option(interactive) is not generated yet");
    }

    @Test
    void everyCommandOfTheTreeHasAGeneratedModel() {
        List<String> annotated = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        walk(tree(Models.ANNOTATIONS), cmd -> annotated.add(cmd.getCommandSpec().qualifiedName()));
        walk(tree(Models.GENERATED), cmd -> {
            if (CommandModels.spec(cmd.getCommand(), CommandLine.defaultFactory()) != null) {
                generated.add(cmd.getCommandSpec().qualifiedName());
            }
        });
        assertThat(generated).hasSizeGreaterThan(30).containsExactlyElementsOf(annotated);
    }

    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        walk(tree(Models.ANNOTATIONS), cmd -> names.add(cmd.getCommandSpec().qualifiedName()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void eachGeneratedModelIsPicocliModelFromTheAnnotations(String command) {
        CommandLine fromAnnotations = find(tree(Models.ANNOTATIONS), command);
        CommandLine generated = find(tree(Models.GENERATED), command);

        assertThat(ModelDump.of(generated)).as(command).isEqualTo(ModelDump.of(fromAnnotations));
        assertThat(generated.getUsageMessage()).as(command).isEqualTo(fromAnnotations.getUsageMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void eachGeneratedModelParsesEveryLineAsTheAnnotationModelDoes(String command) {
        List<List<String>> lines = lines(find(tree(Models.ANNOTATIONS), command));
        assertThat(lines).as(command).isNotEmpty();
        for (List<String> line : lines) {
            assertThat(parsed(Models.GENERATED, command, line)).as("%s %s", command, line)
                    .isEqualTo(parsed(Models.ANNOTATIONS, command, line));
        }
    }

    @Test
    void theOneShotPathOfANamedCommandReadsNoAnnotation() {
        // a command line naming a command builds that command's generated model (a hidden command the same way)
        for (String[] line : new String[][] {{"status"}, {"-v", "bench", "run"}, {"__complete", "hosts"}}) {
            CommandLine tree = CommandTree.forArguments(context(), new Class<?>[0], line);
            walk(tree, cmd -> assertThat(CommandModels.spec(cmd.getCommand(), CommandLine.defaultFactory()))
                    .as("%s", cmd.getCommandSpec().qualifiedName()).isNotNull());
        }
    }

    /**
     * The evidence in a JVM of its own: picocli reading an annotation makes a dynamic proxy class for its type and a
     * {@code TypedMember} for each annotated member; a one-shot {@code status} (the embedded inventory, hosts listed
     * without connecting) loads neither.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "status --list-hosts, jts.fleet.controller.cli.status.Status",
        "__complete hosts, jts.fleet.controller.cli.tree.CompleteCommand"})
    void aOneShotRunMakesNoAnnotationProxyAndScansNoMember(String line, String commandClass,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        try (CliProcess cli = CliProcess.start(dir, Optional.empty(),
                List.of("-Xlog:class+load=info:file=" + log + ":none"), line.split(" "))) {
            assertThat(cli.awaitExit(Duration.ofSeconds(60)).map(CliProcess.Line::text)).as(cli.toString())
                    .contains("0");
        }
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the log holds the classes of the run")
                .anyMatch(loadedClass -> loadedClass.startsWith(commandClass + " "));
        assertThat(loaded).as("annotation proxies, picocli's member scanner")
                .noneMatch(loadedClass -> loadedClass.contains("__dynamic_proxy__")
                        || loadedClass.startsWith("picocli.CommandLine$Model$TypedMember "));
    }

    /**
     * picocli's classes are the build's Java 17 compile of picocli's sources (controller/pom.xml), not its jar's Java 5
     * class files, which the JVM verifies at every start; tests run on them as the jar does.
     */
    @Test
    void picocliIsCompiledToJava17ClassFiles() throws Exception {
        for (Class<?> type : List.of(CommandLine.class, CommandLine.Model.CommandSpec.class, picocli.AutoComplete.class)) {
            try (var in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
                byte[] head = in.readNBytes(8);
                assertThat((head[6] & 0xff) << 8 | head[7] & 0xff).as("class file version of %s", type.getName())
                        .isEqualTo(61);
            }
        }
    }

    /**
     * What a parse of {@code line} (after the command's name) makes, on a new tree and then once more on the same tree
     * after another line: the leaf command's every field (mixins' included) or the error picocli reports.
     */
    private static String parsed(Models models, String command, List<String> line) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
        args.addAll(line);
        CommandLine tree = CommandTree.forArguments(context(), models, new Class<?>[0], args.toArray(String[]::new));
        String first = parseOnce(tree, command, args);
        parseOnce(tree, command, List.of(command.split(" ")).subList(1, command.split(" ").length));
        String again = parseOnce(tree, command, args);
        return first + "\nagain: " + again;
    }

    private static String parseOnce(CommandLine tree, String command, List<String> args) {
        try {
            tree.parseArgs(args.toArray(String[]::new));
            return ModelDump.fields(find(tree, command).getCommand());
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * Lines for a command: none, each option with a value of its type and without one, a value its converter refuses,
     * all positional parameters, too many, an unknown option and {@code --help}.
     */
    private static List<List<String>> lines(CommandLine cmd) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of());
        lines.add(List.of("--no-such-option"));
        lines.add(List.of("--help"));
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.arity().max() == 0) {
                lines.add(List.of(name));
                lines.add(List.of(name, name));
                lines.add(List.of(name + "=false"));
            } else {
                lines.add(List.of(name, sample(option.type(), option.auxiliaryTypes())));
                lines.add(List.of(name + "=" + sample(option.type(), option.auxiliaryTypes())));
                lines.add(List.of(name));
                lines.add(List.of(name, "x!y"));
                lines.add(List.of(name, "-1"));
            }
        }
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec positional : cmd.getCommandSpec().positionalParameters()) {
            positionals.add(sample(positional.type(), positional.auxiliaryTypes()));
        }
        if (!positionals.isEmpty()) {
            lines.add(positionals);
            List<String> more = new ArrayList<>(positionals);
            more.addAll(List.of("extra-1", "extra-2", "extra-3"));
            lines.add(more);
        } else {
            lines.add(List.of("unexpected"));
        }
        return lines;
    }

    private static String sample(Class<?> type, Class<?>[] aux) {
        Class<?> element = type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? aux[0] : type;
        if (element.isEnum()) {
            return element.getEnumConstants()[element.getEnumConstants().length - 1].toString();
        }
        if (element == int.class || element == Integer.class || element == long.class || element == double.class) {
            return "3";
        }
        if (element == Long.class) {
            return "4m"; // the size options (SizeConverter)
        }
        if (element == Duration.class) {
            return "1500ms";
        }
        if (element == Path.class) {
            return "/tmp/jts-models/file";
        }
        return "db-01";
    }

    static CommandLine tree(Models models) {
        return CommandTree.create(context(), models);
    }

    private static AppContext context() {
        return new AppContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false,
                Clock.systemUTC());
    }

    static CommandLine find(CommandLine tree, String qualifiedName) {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        walk(tree, cmd -> all.put(cmd.getCommandSpec().qualifiedName(), cmd));
        assertThat(all).containsKey(qualifiedName);
        return all.get(qualifiedName);
    }

    static void walk(CommandLine cmd, java.util.function.Consumer<CommandLine> action) {
        action.accept(cmd);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, action));
    }
}
