package jts.fleet.remote.change;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.inventory.Keyed;
import jts.fleet.remote.json.JsonMappers;

/**
 * A {@link ChangeRecord} as one line of JSON and back: the one place that knows the keys of a change file
 * ({@code docs/schema/change-record.schema.json}). Lines are ASCII (anything else is {@code \}u-escaped), so a host
 * script running with {@code LC_ALL=C} can check and copy the context it is given byte for byte, and a SIEM reads
 * them whatever its charset.
 */
public final class ChangeRecords {
    /** Longer lines are refused when read: a file with one is damaged or not ours. */
    public static final int MAX_LINE = 4 << 20;

    private ChangeRecords() {
    }

    /** One line (no line break) for a change file. */
    public static String toLine(ChangeRecord record) {
        ObjectNode line = JsonMappers.object();
        line.put("format", ChangeRecord.FORMAT);
        line.put("event", record.event().key());
        line.put("source", record.source().key());
        line.put("time", record.time().toString());
        record.node().ifPresent(n -> line.put("node", n));
        record.step().ifPresent(s -> line.put("step", s));
        record.result().ifPresent(r -> line.put("result", r.key()));
        if (record.event() == ChangeRecord.Event.OUTCOME) {
            line.put("message", record.message().orElse(null));
        }
        line.set("changes", items(record.changes()));
        line.setAll(contextJson(record.context()));
        return JsonMappers.asciiLine(line);
    }

    /**
     * The context alone, one line of ASCII: what a host script is given and copies into each of its own lines
     * (it writes its fields, then this object's members).
     */
    public static String contextLine(ChangeContext context) {
        return JsonMappers.asciiLine(contextJson(context));
    }

    /** The context's keys of a line (run_id, command, host, operator, ...), also those of a {@code history} entry. */
    public static ObjectNode contextJson(ChangeContext c) {
        ObjectNode node = JsonMappers.object();
        node.put("run_id", c.runId());
        node.put("command", c.command());
        node.put("host", c.host());
        node.set("operator", operator(c.operator()));
        node.put("controller_host", c.controllerHost());
        node.put("version", c.version());
        node.put("command_line", c.commandLine());
        node.put("reason", c.reason().orElse(null));
        node.put("policy_hash", c.policyHash().orElse(null));
        node.put("forced", c.forced());
        node.put("blackout", c.blackout().orElse(null));
        return node;
    }

    /** The {@code operator} object of a line (and of {@code history -o json}). */
    public static ObjectNode operator(ChangeOperator o) {
        ObjectNode who = JsonMappers.object();
        who.put("local_user", o.localUser());
        who.put("uid", o.uid());
        if (o.loginUid().isPresent()) {
            who.put("login_uid", o.loginUid().getAsLong());
        } else {
            who.putNull("login_uid");
        }
        who.put("login_user", o.loginUser().orElse(null));
        who.put("sudo_user", o.sudoUser().orElse(null));
        who.put("ssh_user", o.sshUser().orElse(null));
        who.put("become", o.become());
        return who;
    }

    /** The {@code changes} array of a line (and of {@code history -o json}). */
    public static ArrayNode items(List<ChangeItem> changes) {
        ArrayNode array = JsonMappers.array();
        for (ChangeItem item : changes) {
            ObjectNode n = array.addObject();
            n.put("target", item.target());
            n.put("attribute", item.attribute());
            n.put("before", item.before().orElse(null));
            n.put("after", item.after().orElse(null));
            n.put("result", item.result().key());
            item.note().ifPresent(text -> n.put("note", text));
        }
        return array;
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException with a sentence naming the field that is wrong (without file and line:
     *                                  the caller knows those)
     */
    public static ChangeRecord parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line of " + line.length() + " characters, longer than " + MAX_LINE);
        }
        JsonNode node;
        try {
            node = JsonMappers.mapper().readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not JSON" + (column > 0 ? " at column " + column : "") + ": "
                    + jts.fleet.remote.model.HostText.escape(firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + jts.fleet.remote.model.HostText.escape(firstLine(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String format = text(node, "format");
        if (!format.equals(ChangeRecord.FORMAT)) {
            throw new IllegalArgumentException("format \"" + format + "\" is not \"" + ChangeRecord.FORMAT + "\"");
        }
        ChangeRecord.Event event = switch (text(node, "event")) {
            case "intent" -> ChangeRecord.Event.INTENT;
            case "outcome" -> ChangeRecord.Event.OUTCOME;
            default -> throw new IllegalArgumentException("event \"" + node.get("event").asText()
                    + "\" is neither intent nor outcome");
        };
        ChangeRecord.Source source = switch (text(node, "source")) {
            case "controller" -> ChangeRecord.Source.CONTROLLER;
            case "host" -> ChangeRecord.Source.HOST;
            default -> throw new IllegalArgumentException("source \"" + node.get("source").asText()
                    + "\" is neither controller nor host");
        };
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time \"" + node.get("time").asText() + "\" is not an ISO-8601 UTC time");
        }
        Optional<ChangeRecord.Result> result = optionalText(node, "result").map(r -> Keyed.parse(ChangeRecord.Result.class, r)
                .orElseThrow(() -> new IllegalArgumentException("result \"" + r + "\" is not one of ok, changed, "
                        + "failed, refused, skipped, unreachable")));
        if (event == ChangeRecord.Event.OUTCOME && result.isEmpty()) {
            throw new IllegalArgumentException("outcome without a result");
        }
        JsonNode changes = node.get("changes");
        if (changes != null && !changes.isNull() && !changes.isArray()) {
            throw new IllegalArgumentException("changes is not an array");
        }
        List<ChangeItem> items = new ArrayList<>();
        if (changes != null && changes.isArray()) {
            for (int i = 0; i < changes.size(); i++) {
                items.add(item(changes.get(i), "changes[" + i + "]"));
            }
        }
        return new ChangeRecord(event, source, time, context(node), optionalText(node, "node"),
                optionalText(node, "step"), result, optionalText(node, "message"), items);
    }

    private static ChangeContext context(JsonNode node) {
        String runId = text(node, "run_id");
        if (!ChangeContext.RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run_id \"" + runId + "\" is not like 20261206T013000Z-3f9a1c");
        }
        JsonNode who = node.get("operator");
        if (who == null || !who.isObject()) {
            throw new IllegalArgumentException("missing operator");
        }
        JsonNode uid = who.get("uid");
        if (uid == null || !uid.canConvertToLong() || !uid.isIntegralNumber()) {
            throw new IllegalArgumentException("operator.uid is not a number");
        }
        JsonNode loginUid = who.get("login_uid");
        OptionalLong login = loginUid == null || loginUid.isNull() ? OptionalLong.empty()
                : loginUid.isIntegralNumber() ? OptionalLong.of(loginUid.asLong()) : fail("operator.login_uid is not a number");
        ChangeOperator operator = new ChangeOperator(text(who, "operator.", "local_user"), uid.asLong(), login,
                optionalText(who, "operator.", "login_user"), optionalText(who, "operator.", "sudo_user"),
                optionalText(who, "operator.", "ssh_user"), text(who, "operator.", "become"));
        JsonNode forced = node.get("forced");
        if (forced != null && !forced.isBoolean() && !forced.isNull()) {
            throw new IllegalArgumentException("forced is not true or false");
        }
        return new ChangeContext(runId, text(node, "command"), text(node, "host"), operator,
                text(node, "controller_host"), text(node, "version"), text(node, "command_line"),
                optionalText(node, "reason"), optionalText(node, "policy_hash"), forced != null && forced.asBoolean(),
                optionalText(node, "blackout"));
    }

    private static ChangeItem item(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        String key = text(n, where + ".", "result");
        ChangeItem.Result result = Keyed.parse(ChangeItem.Result.class, key).orElseThrow(() -> new IllegalArgumentException(
                where + ".result \"" + key + "\" is not one of planned, ok, changed, failed, rolled-back"));
        return new ChangeItem(text(n, where + ".", "target"), text(n, where + ".", "attribute"),
                optionalText(n, where + ".", "before"), optionalText(n, where + ".", "after"), result,
                optionalText(n, where + ".", "note"));
    }

    private static <T> T fail(String message) {
        throw new IllegalArgumentException(message);
    }

    private static String text(JsonNode node, String key) {
        return text(node, "", key);
    }

    private static String text(JsonNode node, String prefix, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing " + prefix + key);
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(prefix + key + " is not a string");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String key) {
        return optionalText(node, "", key);
    }

    private static Optional<String> optionalText(JsonNode node, String prefix, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(prefix + key + " is not a string");
        }
        return Optional.of(value.asText());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no detail)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
