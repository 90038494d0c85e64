package jts.fleet.controller.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeHistory;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeRecords;

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
            table.row(TIME.format(e.started()), shown(c.host()), shown(c.command()), status(context, e),
                    shown(c.operator().describe()), shown(c.reason().orElse("-")), c.runId());
        }
        // the table's rows, each followed by what that change did
        List<String> rows = table.render(Math.max(context.terminalWidth(), 160), "").lines().toList();
        StringBuilder out = new StringBuilder(rows.get(0)).append('\n');
        for (int i = 0; i < entries.size(); i++) {
            ChangeHistory.Entry e = entries.get(i);
            out.append(rows.get(i + 1)).append('\n');
            if (e.context().forced()) {
                out.append("    forced").append(e.context().blackout().map(w -> " inside " + shown(w)).orElse(""))
                        .append('\n');
            }
            e.message().ifPresent(m -> out.append("    ").append(shown(m)).append('\n'));
            for (ChangeItem item : e.changes()) {
                out.append("    ").append(shown(item.describe())).append('\n');
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

    /** Text read from a change file or a host, safe to print: control characters are written out. */
    static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
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
        ChangeContext c = e.context();
        ObjectNode node = Json.object();
        node.put("run_id", c.runId());
        node.put("host", c.host());
        node.put("command", c.command());
        node.put("status", e.status());
        node.put("started", e.started().toString());
        node.put("finished", e.finished().map(Object::toString).orElse(null));
        node.put("message", e.message().orElse(null));
        node.set("operator", ChangeRecords.operator(c.operator()));
        node.put("controller_host", c.controllerHost());
        node.put("version", c.version());
        node.put("command_line", c.commandLine());
        node.put("reason", c.reason().orElse(null));
        node.put("policy_hash", c.policyHash().orElse(null));
        node.put("forced", c.forced());
        node.put("blackout", c.blackout().orElse(null));
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
            context.err().println("jts-fleet: " + shown(p.toString()));
        }
    }
}
