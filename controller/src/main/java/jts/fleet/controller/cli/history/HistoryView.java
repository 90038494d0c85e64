package jts.fleet.controller.cli.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeHistory;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeRecords;
import jts.fleet.remote.model.HostText;

/**
 * The views of {@code jts-fleet history}: a table, newest first, each change's items under its row; and the
 * {@code -o json} document ({@code docs/schema/history.schema.json}). Records are data read from files and hosts:
 * every text shown goes through {@link #shown}.
 */
final class HistoryView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private HistoryView() {
    }

    static String text(AppContext context, List<ChangeHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return "no change recorded\n";
        }
        TextTable table = new TextTable("TIME (UTC)", "HOST", "COMMAND", "RESULT", "OPERATOR", "REASON", "RUN");
        for (ChangeHistory.Entry e : entries) {
            ChangeContext c = e.context();
            table.row(TIME.format(e.started()), HostText.escape(c.host()), HostText.escape(c.command()), status(context, e),
                    HostText.escape(c.operator().describe()), HostText.escape(c.reason().orElse("-")), c.runId());
        }
        // the table's rows, each followed by what that change did
        List<String> rows = table.render(Math.max(context.terminalWidth(), 160), "").lines().toList();
        StringBuilder out = new StringBuilder(rows.get(0)).append('\n');
        for (int i = 0; i < entries.size(); i++) {
            ChangeHistory.Entry e = entries.get(i);
            out.append(rows.get(i + 1)).append('\n');
            if (e.context().forced()) {
                out.append("    forced").append(e.context().blackout().map(w -> " inside " + HostText.escape(w)).orElse(""))
                        .append('\n');
            }
            e.message().ifPresent(m -> out.append("    ").append(HostText.escape(m)).append('\n'));
            for (ChangeItem item : e.changes()) {
                out.append("    ").append(HostText.escape(item.describe())).append('\n');
            }
        }
        return out.toString();
    }

    private static String status(AppContext context, ChangeHistory.Entry e) {
        return switch (e.status()) {
            case ChangeHistory.UNFINISHED, "refused" -> Colors.red(context, e.status());
            default -> Colors.status(context, e.status());
        };
    }

    static ObjectNode json(List<ChangeHistory.Entry> entries, List<ChangeLogText.Problem> problems) {
        ObjectNode doc = Json.object();
        ArrayNode list = doc.putArray("changes");
        for (ChangeHistory.Entry e : entries) {
            list.add(entry(e));
        }
        doc.set("problems", problems(problems));
        return doc;
    }

    static ObjectNode entry(ChangeHistory.Entry e) {
        ObjectNode node = Json.object();
        node.setAll(ChangeRecords.contextJson(e.context()));
        node.put("status", e.status());
        node.put("started", e.started().toString());
        node.put("finished", e.finished().map(Object::toString).orElse(null));
        node.put("message", e.message().orElse(null));
        node.put("node", e.node().orElse(null));
        ArrayNode sources = node.putArray("sources");
        e.sources().stream().map(s -> s.key()).sorted().forEach(sources::add);
        node.set("changes", ChangeRecords.items(e.changes()));
        return node;
    }

    static ArrayNode problems(List<ChangeLogText.Problem> problems) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ChangeLogText.Problem p : problems) {
            ObjectNode n = array.addObject();
            n.put("file", p.file());
            if (p.line() > 0) {
                n.put("line", p.line());
            } else {
                n.putNull("line");
            }
            n.put("message", p.message());
        }
        return array;
    }

    /** Each problem on stderr as {@code jts-fleet: FILE:LINE: MESSAGE}, never fatal. */
    static void printProblems(AppContext context, List<ChangeLogText.Problem> problems) {
        for (ChangeLogText.Problem p : new ArrayList<>(problems)) {
            context.err().println("jts-fleet: " + HostText.escape(p.toString()));
        }
    }
}
