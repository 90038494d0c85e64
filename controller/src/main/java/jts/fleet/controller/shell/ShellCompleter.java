package jts.fleet.controller.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.remote.bench.BenchProfiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the shell's command tree and session: command and option names come from picocli's
 * model (so commands added to the tree later complete without changes here), values from the session, read
 * again on every Tab (a host added to the inventory completes at once). Unlike picocli-shell-jline3's
 * completer it also completes an option value after a space ({@code --hosts d<Tab>}), positionals, and the
 * last term of a pattern ({@code web,!d<Tab>}).
 *
 * <p>What a value is comes from the option's name or label: {@code --hosts/-H/--limit} and {@code PATTERN} are
 * host patterns; {@code TIER}, {@code DEVICE}, {@code PROFILE}, {@code CHECK}, {@code UNIT} labels (or
 * {@code --tier}, {@code --device}, {@code --profile}) name what they hold; enums offer their constants.
 */
final class ShellCompleter implements Completer {
    /** What an option or positional holds. */
    enum ValueKind { PATTERN, TIER, DEVICE, PROFILE, CHECK, UNIT, CANDIDATES, NONE }

    private static final Set<String> PATTERN_OPTIONS = Set.of("--hosts", "-H", "--limit");
    /** Not offered inside the shell: a shell in the shell makes no sense. */
    private static final Set<String> HIDDEN_COMMANDS = Set.of("shell");

    private final Supplier<CommandLine> tree;
    private final ShellSession session;

    ShellCompleter(Supplier<CommandLine> tree, ShellSession session) {
        this.tree = tree;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word() == null ? "" : line.word();
        String prefix = word.substring(0, Math.min(word.length(), Math.max(0, line.wordCursor())));
        candidates.addAll(candidates(line.words(), line.wordIndex(), prefix));
    }

    /** Candidates for word {@code wordIndex} of {@code words}, typed so far as {@code prefix}. */
    List<Candidate> candidates(List<String> words, int wordIndex, String prefix) {
        CommandLine cmd = tree.get();
        int positional = 0;
        OptionSpec pending = null;
        String hostsInLine = null;
        for (int i = 0; i < wordIndex && i < words.size(); i++) {
            String w = words.get(i);
            if (pending != null) {
                if (kind(pending) == ValueKind.PATTERN && isHostsOption(pending)) {
                    hostsInLine = w;
                }
                pending = null;
                continue;
            }
            if (w.startsWith("-") && w.length() > 1) {
                int eq = w.indexOf('=');
                OptionSpec option = cmd.getCommandSpec().findOption(eq > 0 ? w.substring(0, eq) : w);
                if (option != null && eq < 0 && option.arity().min() > 0) {
                    pending = option;
                } else if (option != null && eq > 0 && isHostsOption(option)) {
                    hostsInLine = w.substring(eq + 1);
                }
                continue;
            }
            CommandLine sub = positional == 0 ? cmd.getSubcommands().get(w) : null;
            if (sub != null) {
                cmd = sub;
                continue;
            }
            positional++;
        }
        CommandSpec spec = cmd.getCommandSpec();
        if (pending != null) {
            return values(pending, prefix, "", hostsInLine);
        }
        List<Candidate> out = new ArrayList<>();
        if (prefix.startsWith("-")) {
            int eq = prefix.indexOf('=');
            if (eq > 0) {
                OptionSpec option = spec.findOption(prefix.substring(0, eq));
                return option == null ? List.of()
                        : values(option, prefix.substring(eq + 1), prefix.substring(0, eq + 1), hostsInLine);
            }
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) {
                    continue;
                }
                String description = option.description().length > 0 ? option.description()[0] : null;
                for (String name : option.names()) {
                    if (name.startsWith(prefix)) {
                        out.add(new Candidate(name, name, "options", description, null, null, true));
                    }
                }
            }
            return out;
        }
        if (positional == 0) {
            for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
                CommandSpec subSpec = sub.getValue().getCommandSpec();
                if (HIDDEN_COMMANDS.contains(sub.getKey()) || subSpec.usageMessage().hidden()
                        || !sub.getKey().startsWith(prefix)) {
                    continue;
                }
                String[] description = subSpec.usageMessage().description();
                out.add(new Candidate(sub.getKey(), sub.getKey(), "commands",
                        description.length > 0 ? description[0] : null, null, null, true));
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden() && p.index().contains(positional)) {
                out.addAll(values(p, prefix, "", hostsInLine));
                break;
            }
        }
        return out;
    }

    private static boolean isHostsOption(OptionSpec option) {
        for (String name : option.names()) {
            if (name.equals("--hosts") || name.equals("-H")) {
                return true;
            }
        }
        return false;
    }

    static ValueKind kind(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            for (String name : option.names()) {
                if (PATTERN_OPTIONS.contains(name)) {
                    return ValueKind.PATTERN;
                }
                switch (name) {
                    case "--tier", "--tiers" -> {
                        return ValueKind.TIER;
                    }
                    case "--device", "--devices" -> {
                        return ValueKind.DEVICE;
                    }
                    case "--profile", "--profiles" -> {
                        return ValueKind.PROFILE;
                    }
                    default -> {
                    }
                }
            }
        }
        String label = arg.paramLabel().replaceAll("[<>.\\[\\]]", "").toUpperCase(Locale.ROOT);
        ValueKind byLabel = switch (label) {
            case "PATTERN", "HOSTS" -> ValueKind.PATTERN;
            case "TIER", "TIERS" -> ValueKind.TIER;
            case "DEVICE", "DEVICES" -> ValueKind.DEVICE;
            case "PROFILE", "PROFILES" -> ValueKind.PROFILE;
            case "CHECK" -> ValueKind.CHECK;
            case "UNIT" -> ValueKind.UNIT;
            default -> ValueKind.NONE;
        };
        if (byLabel != ValueKind.NONE) {
            return byLabel;
        }
        return arg.completionCandidates() != null ? ValueKind.CANDIDATES : ValueKind.NONE;
    }

    private List<Candidate> values(ArgSpec arg, String typed, String optionPrefix, String hostsInLine) {
        return switch (kind(arg)) {
            case PATTERN -> patternCandidates(typed, optionPrefix);
            case TIER -> listCandidates(session.tierNames(), typed, optionPrefix, "tiers");
            case DEVICE -> listCandidates(devices(hostsInLine), typed, optionPrefix, "devices");
            case PROFILE -> listCandidates(profiles(), typed, optionPrefix, "bench profiles");
            case CHECK -> listCandidates(HostCheck.names(), typed, optionPrefix, "checks");
            case UNIT -> listCandidates(JournalCommand.UNITS, typed, optionPrefix, "units");
            case CANDIDATES -> {
                List<String> names = new ArrayList<>();
                arg.completionCandidates().forEach(names::add);
                yield listCandidates(names, typed, optionPrefix, "values");
            }
            case NONE -> List.of();
        };
    }

    /**
     * Completes the last term of a pattern: {@code web,!db-0} offers {@code web,!db-01} ... The head (everything
     * up to the last separator and operator) is kept in the candidate's value, so jline replaces the whole word.
     */
    List<Candidate> patternCandidates(String typed, String optionPrefix) {
        int cut = Math.max(typed.lastIndexOf(','), typed.lastIndexOf(':')) + 1;
        if (cut < typed.length() && (typed.charAt(cut) == '&' || typed.charAt(cut) == '!')) {
            cut++;
        }
        String head = optionPrefix + typed.substring(0, cut);
        String term = typed.substring(cut);
        Inventory inventory = session.inventory();
        List<Candidate> out = new ArrayList<>();
        if ("all".startsWith(term)) {
            out.add(new Candidate(head + "all", "all", "patterns", "every host", null, null, true));
        }
        for (String group : inventory.allGroups()) {
            if (group.startsWith(term)) {
                out.add(new Candidate(head + group, group, "groups", inventory.groups().get(group).size() + " hosts",
                        null, null, true));
            }
        }
        for (HostSpec host : inventory.hosts().values()) {
            if (host.name().startsWith(term)) {
                String where = host.connection() == HostSpec.Connection.LOCAL ? "local"
                        : host.address() + ":" + host.port();
                out.add(new Candidate(head + host.name(), host.name(), "hosts", where, null, null, true));
            }
        }
        return out;
    }

    /** Values of a comma-separated list complete after the last comma. */
    private static List<Candidate> listCandidates(List<String> values, String typed, String optionPrefix, String group) {
        int cut = typed.lastIndexOf(',') + 1;
        String head = optionPrefix + typed.substring(0, cut);
        String term = typed.substring(cut);
        List<Candidate> out = new ArrayList<>();
        for (String value : new LinkedHashSet<>(values)) {
            if (value.startsWith(term)) {
                out.add(new Candidate(head + value, value, group, null, null, null, true));
            }
        }
        return out;
    }

    /** Devices of the hosts named in the line's --hosts, else of the current selection, from cached gathers. */
    private List<String> devices(String hostsInLine) {
        List<HostSpec> hosts = session.selectedHosts();
        if (hostsInLine != null) {
            try {
                hosts = session.inventory().select(hostsInLine);
            } catch (InventoryException e) {
                // an unfinished or mistyped pattern: fall back to the selection rather than offer nothing
            }
        }
        return session.cachedDevices(hosts);
    }

    private List<String> profiles() {
        try {
            BenchProfiles profiles = BenchProfiles.embedded().withPolicy(session.inventory().policy());
            List<String> names = new ArrayList<>();
            profiles.all().forEach(p -> names.add(p.name()));
            names.addAll(profiles.suites().keySet());
            return names;
        } catch (RuntimeException e) {
            // a broken policy profile must not break Tab; the command itself reports it
            return List.of();
        }
    }
}
