package jts.fleet.controller.cli.tree;

import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jts-fleet __complete hosts [--inventory FILE] [WORD]}: what the bash and zsh completion scripts offer
 * after {@code -H}, {@code --limit} and {@code --host}. Host and group names of the inventory (and {@code all})
 * completing the last part of a host pattern: {@code prod:&h} gives {@code prod:&hot}. Hidden: not for people.
 * Prints nothing (exit 1) when the inventory cannot be read, so a broken file never spills into the prompt.
 */
@Command(name = CompleteCommand.NAME, hidden = true,
        description = "Completion candidates for the shell completion scripts.")
public final class CompleteCommand extends AppCommand {
    /** Its name, which the tree finds it by without reading the annotation ({@link CommandTree#namedSubcommand}). */
    static final String NAME = "__complete";

    @Parameters(index = "0", paramLabel = "WHAT", description = "hosts")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "WORD", description = "The word being completed.")
    String word = "";

    @Option(names = "--inventory", paramLabel = "FILE", description = "Inventory file.")
    Path inventory;

    @Override
    public Integer call() {
        if (!"hosts".equals(what)) {
            return ExitCodes.USAGE;
        }
        Inventory inv;
        try {
            inv = InventoryLoader.standard().load(Optional.ofNullable(inventory));
        } catch (InventoryException | RuntimeException e) {
            return ExitCodes.SOFTWARE;
        }
        for (String candidate : candidates(inv, word == null ? "" : word)) {
            context.out().println(candidate);
        }
        return ExitCodes.OK;
    }

    /** Names completing the part of {@code word} after its last pattern operator, with the part before kept. */
    static TreeSet<String> candidates(Inventory inv, String word) {
        int cut = -1;
        for (char op : new char[] {',', ':', '&', '!'}) {
            cut = Math.max(cut, word.lastIndexOf(op));
        }
        String kept = word.substring(0, cut + 1);
        String fragment = word.substring(cut + 1);
        TreeSet<String> names = new TreeSet<>(inv.hostNames());
        names.addAll(inv.allGroups());
        names.add("all");
        TreeSet<String> out = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith(fragment)) {
                out.add(kept + name);
            }
        }
        return out;
    }
}
