package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.AppContext;
import picocli.CommandLine;

/**
 * The shape of the command layer: every command of the tree is a group (it only lists subcommands) or an
 * {@link AppCommand} the tree bound to its context, and the command families (cli.status, cli.bench ...) import
 * neither each other nor the tree; what they share is in cli, which imports none of them.
 */
class CommandFamiliesTest {
    private static final Path CLI = Path.of("src/main/java/jts/fleet/controller/cli");
    private static final Pattern SUBPACKAGE = Pattern.compile("jts\\.fleet\\.controller\\.cli\\.([a-z]+)\\.");

    private final AppContext context = new AppContext(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), false, Clock.systemUTC());

    @Test
    void everyCommandIsAGroupOrACommandBoundToTheContext() throws ReflectiveOperationException {
        List<CommandLine> all = new ArrayList<>();
        collect(CommandTree.create(context), all);
        assertThat(all).hasSizeGreaterThan(30);
        var bound = AppCommand.class.getDeclaredField("context");
        bound.setAccessible(true);
        for (CommandLine cmd : all) {
            Object command = cmd.getCommand();
            String name = cmd.getCommandSpec().qualifiedName();
            if (!(command instanceof Runnable) && !(command instanceof Callable<?>)) {
                assertThat(cmd.getSubcommands()).as("%s does nothing itself: a group lists subcommands", name)
                        .isNotEmpty();
                if (cmd.getParent() != null) {
                    // (the top-level command has -v and --log-file, inherited by every command)
                    assertThat(command.getClass().getDeclaredFields()).as("%s: a group has no options of its own",
                            name).isEmpty();
                }
            } else {
                assertThat(command).as(name).isInstanceOf(AppCommand.class);
                assertThat(bound.get(command)).as("%s got the tree's context", name).isSameAs(context);
            }
        }
    }

    @Test
    void commandFamiliesImportNeitherEachOtherNorTheTree() throws IOException {
        List<String> uses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLI)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Path dir = CLI.relativize(file).getParent();
                String family = dir == null ? "" : dir.toString();
                if (family.equals("tree")) {
                    continue; // registers every family
                }
                Matcher m = SUBPACKAGE.matcher(withoutComments(Files.readString(file)));
                while (m.find()) {
                    if (!m.group(1).equals(family)) {
                        uses.add(CLI.relativize(file) + " uses cli." + m.group(1));
                    }
                }
            }
        }
        assertThat(uses).as("uses of another command family or of the tree").isEmpty();
    }

    /** A family named in a comment is no use of it. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static void collect(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
