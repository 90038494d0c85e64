package jts.fleet.controller.docs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.tree.CommandTree;
import jts.fleet.controller.shell.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands that get a reference page: every visible command of the real {@link CommandTree}, depth first
 * in --help order. Built over a context that prints nowhere and a fixed clock, because nothing is executed.
 */
public final class CommandPages {
    private CommandPages() {
    }

    /** The tree exactly as the CLI builds it; output writers are discarded. */
    public static CommandLine tree() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CommandTree.create(new AppContext(sink, sink, false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
                ShellCommand.class);
    }

    /** One entry per documented command, the top-level command first. */
    public static List<CommandSpec> documented(CommandLine root) {
        List<CommandSpec> specs = new ArrayList<>();
        collect(root, specs);
        return List.copyOf(specs);
    }

    private static void collect(CommandLine cmd, List<CommandSpec> into) {
        CommandSpec spec = cmd.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        into.add(spec);
        // aliases appear as extra map keys pointing at the same CommandLine: visit each command once
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    /**
     * Gives every command without a {@code header} a one-line summary for the man page NAME section: the first
     * sentence of its description. picocli-codegen otherwise takes the first description <em>line</em>, which
     * is often cut mid-sentence because --help descriptions are wrapped by hand. Only for the throwaway tree of
     * {@link #tree()}; --help is unaffected.
     */
    public static CommandLine withManHeaders(CommandLine root) {
        for (CommandSpec spec : documented(root)) {
            if (spec.usageMessage().header().length == 0 && spec.usageMessage().description().length > 0) {
                spec.usageMessage().header(firstSentence(String.join(" ", spec.usageMessage().description())));
            }
        }
        ManSections.apply(documented(root));
        return root;
    }

    static String firstSentence(String text) {
        return jts.fleet.controller.cli.HelpText.firstSentence(text);
    }

    /** The page name of a command: {@code jts-fleet}, {@code jts-fleet-status}, {@code jts-fleet-inventory-list}. */
    public static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }
}
