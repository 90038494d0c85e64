package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.cli.DurationConverter;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.SizeConverter;
import jts.fleet.controller.cli.tree.CommandTree.Models;
import jts.fleet.controller.cli.tree.DirectLine.Binding;
import jts.fleet.controller.cli.tree.DirectLine.Kind;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link DirectLine} reads a line only as picocli would: each of its bindings is the option picocli's model (from the
 * annotations) binds to the same member, with the same type, converter and default; every line it reads, out of
 * several thousand (each option with good, odd and bad values, every pair of options, help, version, logging, argument
 * files ...), fills the command's fields exactly as picocli's parse of that line on the CLI's tree; what it declines
 * includes every line picocli refuses; and a line run either way prints the same and exits the same.
 */
class DirectLineTest {
    private static final Set<String> LEFT_TO_PICOCLI = Set.of("-h", "--help", "-V", "--version", "-v", "--verbose",
            "--log-file");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "check"})
    void eachBindingIsTheOptionPicocliBindsToTheSameMember(String name) {
        CommandLine picocli = CommandModelsTest.find(CommandModelsTest.tree(Models.ANNOTATIONS), "jts-fleet " + name);
        List<Binding> bindings = new ArrayList<>(List.of(DirectLine.bindings(name)));
        int checked = 0;
        for (OptionSpec option : picocli.getCommandSpec().options()) {
            List<String> names = List.of(option.names());
            if (!java.util.Collections.disjoint(names, LEFT_TO_PICOCLI)) {
                assertThat(option.inherited() || option.usageHelp() || option.versionHelp()).as("%s", names).isTrue();
                assertThat(bindings).as("%s is left to picocli", names)
                        .noneMatch(b -> !java.util.Collections.disjoint(List.of(b.names()), names));
                continue;
            }
            Binding binding = bindings.stream().filter(b -> List.of(b.names()).equals(names)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": no binding for " + names));
            Object command = picocli.getCommand();
            String declaring = binding.owner().memberClass(command);
            if (binding.kind() == Kind.SETTER) {
                Method method = (Method) option.userObject();
                assertThat(method.getDeclaringClass().getName() + "." + method.getName()).as("%s", names)
                        .isEqualTo(declaring + "." + binding.member());
                assertThat(method.getParameterTypes()).containsExactly(String.class);
            } else {
                Field field = (Field) option.userObject();
                assertThat(field.getDeclaringClass().getName() + "." + field.getName()).as("%s", names)
                        .isEqualTo(declaring + "." + binding.member());
            }
            assertThat(option.type()).as("%s", names).isEqualTo(switch (binding.kind()) {
                case FLAG -> boolean.class;
                case TEXT, SETTER -> String.class;
                case PATH -> Path.class;
                case COUNT -> int.class;
                case FORMAT -> OutputOptions.Format.class;
                case DURATION -> Duration.class;
                case SIZE -> Long.class;
            });
            List<Class<?>> converters = new ArrayList<>();
            for (CommandLine.ITypeConverter<?> converter : option.converters()) {
                converters.add(converter.getClass());
            }
            assertThat(converters).as("%s", names).isEqualTo(binding.kind() == Kind.DURATION
                    ? List.of(DurationConverter.class) : binding.kind() == Kind.SIZE ? List.of(SizeConverter.class)
                    : List.of());
            assertThat(option.arity().max()).as("%s", names).isEqualTo(binding.kind() == Kind.FLAG ? 0 : 1);
            assertThat(option.splitRegex()).as("%s", names).isEmpty();
            assertThat(option.defaultValue()).as("%s", names).isEqualTo(binding.defaultValue());
            bindings.remove(binding);
            checked++;
        }
        assertThat(bindings).as("bindings of no option of %s", name).isEmpty();
        assertThat(checked).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "check"})
    void everyLineItReadsIsWhatPicocliMakesOfIt(String name) throws Exception {
        List<List<String>> lines = lines(name);
        int read = 0;
        List<String> declined = new ArrayList<>();
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            AppCommand direct = DirectLine.parse(new CommandTree.ContextFactory(context()), args);
            if (direct == null) {
                declined.add(String.join(" ", line));
                continue;
            }
            read++;
            CommandLine tree = CommandTree.forArguments(context(), new Class<?>[0], args);
            try {
                tree.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("read " + line + ", which picocli refuses: " + e.getMessage(), e);
            }
            Object picocli = CommandModelsTest.find(tree, "jts-fleet " + name).getCommand();
            assertThat(ModelDump.fields(direct)).as("%s", line).isEqualTo(ModelDump.fields(picocli));
        }
        assertThat(lines).hasSizeGreaterThan(1000);
        assertThat(read).as("lines read directly of %s", lines.size()).isGreaterThan(300);
        assertThat(declined).as("lines left to picocli").hasSizeGreaterThan(300)
                .contains(name + " --help", name + " -v", name + " --forks 010", name + " -o JSON",
                        name + " @args.txt", name + " -- --all", name + " --forks -1", name + " --limit");
    }

    /** Lines of {@code name}: each option with good, odd and bad values and in both forms, every pair, the rest. */
    private static List<List<String>> lines(String name) {
        Set<List<String>> lines = new LinkedHashSet<>();
        lines.add(List.of(name));
        for (String other : List.of("--help", "-h", "--version", "-V", "-v", "-vv", "--verbose", "--log-file",
                "--no-such-option", "unexpected", "--", "@args.txt", "-Hdb-01", "-H=db-01", "--all=true", "-o=json",
                "--gap=", "-o", "-H")) {
            lines.add(List.of(name, other));
            lines.add(List.of(name, other, "x"));
        }
        lines.add(List.of(name, "--", "--all"));
        lines.add(List.of(name, "--log-file", "/tmp/jts-direct.log"));
        lines.add(List.of("-v", name));
        lines.add(List.of("--log-file", "/tmp/jts-direct.log", name));
        Binding[] bindings = DirectLine.bindings(name);
        for (Binding binding : bindings) {
            for (String option : binding.names()) {
                if (binding.kind() == Kind.FLAG) {
                    lines.add(List.of(name, option));
                    lines.add(List.of(name, option, option));
                    lines.add(List.of(name, option + "=true"));
                    lines.add(List.of(name, option, "x"));
                    continue;
                }
                lines.add(List.of(name, option));
                for (String value : values(binding.kind())) {
                    lines.add(List.of(name, option, value));
                    lines.add(List.of(name, option + "=" + value));
                    lines.add(List.of(name, option, value, option, value));
                }
            }
        }
        for (Binding first : bindings) {
            for (Binding second : bindings) {
                List<String> line = new ArrayList<>(List.of(name));
                line.addAll(written(first));
                line.addAll(written(second));
                lines.add(line);
            }
        }
        List<String> all = new ArrayList<>(List.of(name));
        for (Binding binding : bindings) {
            all.addAll(written(binding));
        }
        lines.add(all);
        return new ArrayList<>(lines);
    }

    private static List<String> written(Binding binding) {
        String option = binding.names()[binding.names().length - 1];
        return binding.kind() == Kind.FLAG ? List.of(option) : List.of(option, values(binding.kind()).get(0));
    }

    /** Values for an option of {@code kind}: a good one first, then odd and bad ones. */
    private static List<String> values(Kind kind) {
        List<String> common = List.of("", "-1", "-x", "@file", "x y", "a=b", "status", "check", "--all", "\u0000",
                "'quoted'", "\"quoted\"");
        List<String> own = switch (kind) {
            case FLAG -> List.of();
            case TEXT, SETTER -> List.of("db-*", "none", "prod:&hot,!db-03", "ansible:/etc/ansible/hosts");
            case PATH -> List.of("/tmp/jts-direct/inventory.yaml", "relative.yaml", "ansible:/etc/ansible/hosts",
                    "/tmp/a b");
            case COUNT -> List.of("3", "0", "1", "32", "010", "+3", "0x10", "999999999", "1000000000", "2147483648",
                    "3.0", "٣");
            case FORMAT -> List.of("json", "text", "JSON", "Text", "yaml");
            case DURATION -> List.of("1500ms", "2s", "1m", "10", "1h30m", "0s", "-1s", "2x", " 2s");
            case SIZE -> List.of("4m", "512k", "1g", "4", "4x", "0", " 4m");
        };
        List<String> values = new ArrayList<>(own);
        values.addAll(common);
        return values;
    }

    /**
     * Run directly and through picocli, a line prints the same and exits the same: lines that stop before any host is
     * reached (--list-hosts, refused values, a missing inventory, bad patterns), for status and for check (whose
     * usage errors are UNKNOWN, 3); {@code direct} says which of them the direct path reads (the others show that
     * leaving a line to picocli changes nothing either).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "status --list-hosts, true", "check --list-hosts, true", "status --list-hosts -o json, true",
        "status -H local --limit local --list-hosts --forks 3, true", "status -H nosuch --list-hosts, true",
        "check -H nosuch --list-hosts, true", "status --forks 0, true", "check --forks 0, true",
        "status --inventory /nonexistent/jts-direct.yaml, true", "check --inventory /nonexistent/jts-direct.yaml, true",
        "status --policy /nonexistent/jts-direct-policy.yaml --list-hosts, true",
        "status --timeout 1s --list-hosts, true", "status --ssh-config none --list-hosts, true",
        "check --gap 10, false", "status --bogus, false", "check --bogus, false", "status --list-hosts -o JSON, false",
        "check --forks -1, false"})
    void aLineRunDirectlyPrintsAndExitsAsThroughPicocli(String line, boolean direct) throws Exception {
        String[] args = line.split(" ");
        assertThat(DirectLine.parse(new CommandTree.ContextFactory(context()), args) != null).as("read directly")
                .isEqualTo(direct);
        assertThat(run(args, true)).isEqualTo(run(args, false));
    }

    /** The forms cron jobs and Nagios checks are written in are read directly. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "check", "status -o json", "status --all", "status --report /var/tmp/jts",
        "check -H db-01 -o json", "check -H db-01 --inventory /etc/jts-fleet/inventory.yaml",
        "status --inventory=/etc/jts-fleet/inventory.yaml --forks=8 -o json", "check --gap=2s --timeout 30s",
        "status --hosts=prod:&hot --limit db-01", "status --ssh-config none --connect-timeout 5s --max-output 8m",
        "check --policy ./policy.yaml --run-timeout 2m --accept-new-host-keys"})
    void theFormsOfCronAndNagiosAreReadDirectly(String line) throws Exception {
        assertThat(DirectLine.parse(new CommandTree.ContextFactory(context()), line.split(" "))).isNotNull();
    }

    /**
     * What reading a line without picocli assumes of the tree's picocli settings for status and check, pinned: picocli's
     * exit codes and no exit code generator, no default provider, no ${...} in a default, no preprocessor or parameter
     * consumer, no required, interactive or negatable option, and a parser that neither takes options or subcommands
     * as option values, nor trims quotes, nor allows unmatched, overwritten or abbreviated options, nor toggles
     * booleans, with {@code =} between a name and its value.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "check"})
    void theTreeIsConfiguredAsReadingWithoutPicocliAssumes(String name) {
        CommandLine tree = CommandTree.forArguments(context(), new Class<?>[0], name);
        CommandLine command = CommandModelsTest.find(tree, "jts-fleet " + name);
        for (CommandLine cmd : List.of(tree, command)) {
            CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
            CommandLine.Model.ParserSpec parser = spec.parser();
            // name = what this tree has, beside what reading directly assumes
            java.util.Map<String, List<Object>> settings = new java.util.LinkedHashMap<>();
            settings.put("exitCodeOnSuccess", List.of(spec.exitCodeOnSuccess(), CommandLine.ExitCode.OK));
            settings.put("defaultValueProvider", List.of(String.valueOf(spec.defaultValueProvider()), "null"));
            settings.put("preprocessor", List.of(spec.preprocessor().getClass().getSimpleName(),
                    "NoOpParameterPreprocessor"));
            settings.put("allowOptionsAsOptionParameters", List.of(parser.allowOptionsAsOptionParameters(), false));
            settings.put("allowSubcommandsAsOptionParameters",
                    List.of(parser.allowSubcommandsAsOptionParameters(), false));
            settings.put("trimQuotes", List.of(parser.trimQuotes(), false));
            settings.put("splitQuotedStrings", List.of(parser.splitQuotedStrings(), false));
            settings.put("unmatchedArgumentsAllowed", List.of(parser.unmatchedArgumentsAllowed(), false));
            settings.put("unmatchedOptionsArePositionalParams",
                    List.of(parser.unmatchedOptionsArePositionalParams(), false));
            settings.put("overwrittenOptionsAllowed", List.of(parser.overwrittenOptionsAllowed(), false));
            settings.put("abbreviatedOptionsAllowed", List.of(parser.abbreviatedOptionsAllowed(), false));
            settings.put("optionsCaseInsensitive", List.of(spec.optionsCaseInsensitive(), false));
            settings.put("subcommandsCaseInsensitive", List.of(cmd.isSubcommandsCaseInsensitive(), false));
            settings.put("toggleBooleanFlags", List.of(parser.toggleBooleanFlags(), false));
            settings.put("stopAtPositional", List.of(parser.stopAtPositional(), false));
            settings.put("stopAtUnmatched", List.of(parser.stopAtUnmatched(), false));
            settings.put("separator", List.of(parser.separator(), "="));
            settings.put("expandAtFiles", List.of(parser.expandAtFiles(), true)); // @FILE is declined: picocli expands it
            settings.put("endOfOptionsDelimiter", List.of(parser.endOfOptionsDelimiter(), "--")); // declined too
            settings.forEach((setting, values) -> assertThat(values.get(0)).as("%s of %s", setting,
                    spec.qualifiedName()).isEqualTo(values.get(1)));
        }
        assertThat((Object) command.getCommand()).isNotInstanceOf(CommandLine.IExitCodeGenerator.class);
        for (OptionSpec option : command.getCommandSpec().options()) {
            assertThat(option.preprocessor().getClass().getSimpleName()).as("%s", option.longestName())
                    .isEqualTo("NoOpParameterPreprocessor");
            assertThat(option.parameterConsumer()).as("%s", option.longestName()).isNull();
            assertThat(option.required() || option.interactive() || option.negatable()).as("%s", option.longestName())
                    .isFalse();
            assertThat(String.valueOf(option.defaultValue())).as("%s", option.longestName()).doesNotContain("${");
        }
        for (Binding binding : DirectLine.bindings(name)) {
            assertThat(String.valueOf(binding.defaultValue())).doesNotContain("${");
        }
    }

    /**
     * A picocli system property (tracing, quote trimming, another converter exclusion than the tree's own) leaves the
     * line to picocli, which reads it.
     */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"picocli.trace, DEBUG", "picocli.trimQuotes, true", "picocli.converters.excludes, java\\.sql.*"})
    void aPicocliPropertyLeavesTheLineToPicocli(String property, String value) throws Exception {
        assertThat(DirectLine.parse(new CommandTree.ContextFactory(context()), "status")).isNotNull();
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            assertThat(DirectLine.parse(new CommandTree.ContextFactory(context()), "status")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        assertThat(DirectLine.parse(new CommandTree.ContextFactory(context()), "status")).isNotNull();
    }

    @Test
    void theCommandLineOfARecordIsPicocliReading() {
        String[] args = {"status", "-H", "db-*", "--forks=3", "--list-hosts"};
        AppContext direct = context();
        CommandTree.execute(direct, new Class<?>[0], args);
        AppContext picocli = context();
        CommandTree.forArguments(picocli, new Class<?>[0], args).execute(args);
        assertThat(direct.commandLine()).isEqualTo(picocli.commandLine()).startsWith("jts-fleet status -H ")
                .contains("db-*");
    }

    /**
     * In a JVM of its own, a plain {@code status} builds no picocli model and parses nothing with picocli; one with
     * {@code --help} still does.
     */
    @Test
    void aPlainStatusBuildsNoPicocliModel(@TempDir Path dir) throws Exception {
        assertThat(loaded(dir, "status", "--list-hosts", "-o", "json")).as("classes of a direct line")
                .anyMatch(c -> c.startsWith("jts.fleet.controller.cli.status.Status "))
                .noneMatch(c -> c.startsWith("picocli.CommandLine$Model$CommandSpec ")
                        || c.startsWith("picocli.CommandLine$Interpreter "));
        assertThat(loaded(dir, "status", "--list-hosts", "-v")).as("classes of a line left to picocli")
                .anyMatch(c -> c.startsWith("picocli.CommandLine$Interpreter "));
    }

    private static List<String> loaded(Path dir, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "classes", ".log");
        try (CliProcess cli = CliProcess.start(dir, Optional.empty(),
                List.of("-Xlog:class+load=info:file=" + log + ":none"), args)) {
            assertThat(cli.awaitExit(Duration.ofSeconds(60)).map(CliProcess.Line::text)).as(cli.toString())
                    .contains("0");
        }
        return Files.readAllLines(log);
    }

    /** Exit code, stdout and stderr of {@code args}, run directly ({@link CommandTree#execute}) or through picocli. */
    private static String run(String[] args, boolean direct) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AppContext context = new AppContext(new PrintWriter(out, true), new PrintWriter(err, true), false,
                Clock.systemUTC());
        int code = direct ? CommandTree.execute(context, new Class<?>[0], args)
                : CommandTree.forArguments(context, new Class<?>[0], args).execute(args);
        return "exit " + code + "\nout:\n" + out + "err:\n" + err;
    }

    private static AppContext context() {
        return new AppContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false,
                Clock.systemUTC());
    }
}
