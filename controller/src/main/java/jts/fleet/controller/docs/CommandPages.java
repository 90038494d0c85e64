package jts.fleet.controller.docs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.CommandTree;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands that get a reference page: every visible command of the real {@link CommandTree}, depth first
 * in --help order. Built over a context that prints nowhere and a fixed clock, because nothing is executed.
 */
public final class CommandPages {
    /** A full stop followed by a space and an upper-case word or a parenthesis ends a sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(?= [A-Z(])");

    private CommandPages() {
    }

    /** The tree exactly as the CLI builds it; output writers are discarded. */
    public static CommandLine tree() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CommandTree.create(new AppContext(sink, sink, false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
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
        return root;
    }

    static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        // a full stop followed by a space ends the sentence; "e.g." and "1.5" do not (no space / lower case next)
        Matcher end = SENTENCE_END.matcher(flat);
        String sentence = end.find() ? flat.substring(0, end.start()) : flat;
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /** The page name of a command: {@code jts-fleet}, {@code jts-fleet-status}, {@code jts-fleet-inventory-list}. */
    public static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }
}
