package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.monitor.Check;
import jts.fleet.controller.cli.monitor.Watch;
import jts.fleet.controller.cli.status.Status;
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

    private static CommandLine.ParseResult leafOf(CommandLine.ParseResult result) {
        CommandLine.ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }
}
