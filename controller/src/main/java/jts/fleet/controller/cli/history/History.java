package jts.fleet.controller.cli.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.change.ChangeJournal;
import jts.fleet.controller.change.ChangeJournals;
import jts.fleet.controller.change.HostChangeReader;
import jts.fleet.controller.change.TimeBound;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.inventory.Glob;
import jts.fleet.inventory.HostPattern;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.remote.change.ChangeHistory;
import jts.fleet.remote.change.ChangeLogText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jts-fleet history}: the change records, newest first: from the controller's file, or with
 * {@code --from-hosts} from the hosts' own files (merged, each record once). A line that cannot be read is named
 * with its file and line on stderr and skipped.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show who changed what on which host, when and why, newest first.",
            "From the controller's change file ($XDG_STATE_HOME/jts-fleet/changes.jsonl), or with --from-hosts from",
            "each host's own /var/lib/jts-fleet/changes.jsonl (the truth when several controllers exist). A change",
            "that started and never ended (a crash, a lost host) is shown as unfinished."})
public final class History extends FleetCommand {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only changes started at or after WHEN: an age (7d, 36h) or a date or time (2026-12-01,"
                    + " 2026-12-01T14:30 in the controller's time zone, 2026-12-01T19:30:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only changes started before WHEN (same forms).")
    String until;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only changes whose --reason contains TEXT (any case).")
    String reason;

    @Option(names = "--run", paramLabel = "ID", description = "Only the changes of this run.")
    String run;

    @Option(names = "--from-hosts", description = "Read the hosts' own change records instead of the controller's.")
    boolean fromHosts;

    /** {@code --since} and the whole query, decided before any host is read ({@link #call}). */
    private Optional<Instant> from = Optional.empty();
    private ChangeHistory.Query query;

    @Override
    public Integer call() throws Exception {
        from = bound("--since", since);
        Optional<Instant> to = bound("--until", until);
        Inventory inventory = fleet.loadInventory(context);
        Predicate<String> hosts = hostMatcher(inventory);
        query = new ChangeHistory.Query(from, to, Optional.ofNullable(reason), hosts);
        if (!fromHosts) {
            ChangeJournal journal = ChangeJournals.forInventory(inventory, AppContext.userDirs());
            ChangeLogText.Parsed parsed = journal.read();
            List<ChangeHistory.Entry> entries = select(parsed, query);
            HistoryView.printProblems(context, parsed.problems());
            if (output.json()) {
                ObjectNode doc = HistoryView.json(entries, parsed.problems());
                ArrayNode files = Json.MAPPER.createArrayNode();
                journal.files().forEach(f -> files.add(f.toString()));
                doc.put("source", "controller");
                doc.set("files", files);
                context.out().println(Json.pretty(doc));
            } else {
                context.out().print(HistoryView.text(context, entries));
            }
            return jts.fleet.controller.ExitCodes.OK;
        }
        return super.call();
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        HostChangeReader reader = new HostChangeReader(session.commandTimeout());
        List<HostResult<ChangeLogText.Parsed>> results = session.runner().run(session.hosts(),
                (transport, host) -> reader.read(transport, host, from), progress());
        ChangeLogText.Parsed all = ChangeLogText.Parsed.EMPTY;
        for (HostResult<ChangeLogText.Parsed> r : results) {
            if (r instanceof HostResult.Ok<ChangeLogText.Parsed> ok) {
                all = all.plus(ok.value());
            }
        }
        List<ChangeHistory.Entry> entries = select(all, query);
        HistoryView.printProblems(context, all.problems());
        if (output.json()) {
            ObjectNode doc = HistoryView.json(entries, all.problems());
            doc.put("source", "hosts");
            ArrayNode hostsNode = doc.putArray("hosts");
            results.forEach(r -> hostsNode.add(FleetReport.hostEntry(r)));
            doc.set("recap", FleetReport.recapJson(results));
            context.out().println(Json.pretty(doc));
        } else {
            context.out().print(HistoryView.text(context, entries));
        }
        FleetReport.printErrors(context.err(), results);
        return FleetReport.exitCode(results);
    }

    private List<ChangeHistory.Entry> select(ChangeLogText.Parsed parsed, ChangeHistory.Query query) {
        List<ChangeHistory.Entry> entries = ChangeHistory.entries(parsed.records(), query);
        if (run == null) {
            return entries;
        }
        return entries.stream().filter(e -> e.context().runId().equals(run)).toList();
    }

    private Optional<Instant> bound(String option, String text) throws UsageException {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TimeBound.parse(text, context.clock()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /**
     * Which recorded host names the pattern selects: the inventory's answer for its hosts and groups, and for
     * a host no longer in the inventory (decommissioned, renamed) its plain or glob terms matched on the name.
     * No pattern (and no shell selection): every recorded host.
     */
    private Predicate<String> hostMatcher(Inventory inventory) throws InventoryException {
        String pattern = fleet.pattern(context);
        if (pattern.equals("all")) {
            return h -> true;
        }
        HostPattern parsed = HostPattern.parse(pattern);
        Set<String> inInventory = new HashSet<>();
        try {
            inInventory.addAll(parsed.resolve(inventory));
        } catch (InventoryException e) {
            // a name the inventory does not know: matched against recorded names below
        }
        List<HostPattern.Term> plain = new ArrayList<>();
        for (HostPattern.Term t : parsed.terms()) {
            if (t.op() == HostPattern.Op.UNION) {
                plain.add(t);
            }
        }
        return name -> inInventory.contains(name)
                || (!inventory.hosts().containsKey(name) && plain.stream().anyMatch(t -> Glob.matches(t.name(), name)));
    }
}
