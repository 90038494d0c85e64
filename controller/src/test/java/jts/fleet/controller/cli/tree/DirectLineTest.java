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
     * usage errors are UNKNOWN, 3).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status --list-hosts", "check --list-hosts", "status --list-hosts -o json",
        "status -H local --limit local --list-hosts --forks 3", "status -H nosuch --list-hosts",
        "check -H nosuch --list-hosts", "status --forks 0", "check --forks 0",
        "status --inventory /nonexistent/jts-direct.yaml", "check --inventory /nonexistent/jts-direct.yaml",
        "status --policy /nonexistent/jts-direct-policy.yaml --list-hosts", "check --gap 10", "status --bogus",
        "check --bogus", "status --timeout 0s --list-hosts", "status --ssh-config none --list-hosts"})
    void aLineRunDirectlyPrintsAndExitsAsThroughPicocli(String line) {
        String[] args = line.split(" ");
        assertThat(run(args, true)).isEqualTo(run(args, false));
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
