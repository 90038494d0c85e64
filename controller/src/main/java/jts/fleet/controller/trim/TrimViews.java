package jts.fleet.controller.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jts.fleet.controller.fleet.HostScriptRunner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.model.HostText;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.trim.Activation;
import jts.fleet.remote.trim.TrimRecord;
import jts.fleet.remote.trim.TrimStatus;

/**
 * The two views of every trim result: a stable JSON shape for {@code -o json} (field names as in trim.jsonl,
 * so scripts read one vocabulary) and short human lines for a terminal.
 */
public final class TrimViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrimViews() {
    }

    public static ObjectNode json(TrimRecord r) {
        ObjectNode node = NODES.objectNode();
        node.put("time", r.time().toString());
        node.put("ts", r.time().getEpochSecond());
        node.put("mount", r.mount());
        node.put("device", r.device());
        node.put("majmin", r.majmin());
        node.put("bytes", r.bytes());
        node.put("duration_s", r.duration().toMillis() / 1000.0);
        node.put("result", r.result().key());
        node.put("reason", r.reason());
        node.put("dry_run", r.dryRun());
        return node;
    }

    public static ObjectNode json(RunReport report) {
        ObjectNode node = NODES.objectNode();
        node.put("host", report.host());
        node.put("outcome", report.outcome().key());
        node.put("mode", report.mode().key());
        node.put("exit_code", report.exitCode());
        node.put("bytes", report.bytesTrimmed());
        node.put("elapsed_s", report.elapsed().toMillis() / 1000.0);
        ArrayNode filesystems = node.putArray("filesystems");
        report.records().forEach(r -> filesystems.add(json(r)));
        return node;
    }

    public static ObjectNode json(InstallReport report) {
        ObjectNode node = NODES.objectNode();
        node.put("host", report.host());
        node.put("changed", report.changed());
        ArrayNode files = node.putArray("files");
        for (FileOutcome f : report.files()) {
            files.addObject().put("path", f.path()).put("change", f.change().key()).put("sha256", f.sha256());
        }
        ObjectNode systemd = node.putObject("systemd");
        Activation a = report.activation();
        if (a instanceof Activation.Activated activated) {
            systemd.put("state", "activated");
            systemd.put("fstrim_timer", activated.fstrimTimerState());
            systemd.put("masked_fstrim_timer", activated.maskedFstrimTimer());
            systemd.put("next_elapse", activated.nextElapse());
        } else if (a instanceof Activation.NoSystemd) {
            systemd.put("state", "absent");
        } else {
            systemd.put("state", "dry-run");
        }
        ArrayNode commands = systemd.putArray("commands");
        a.commands().forEach(commands::add);
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return node;
    }

    public static ObjectNode json(TrimStatus status) {
        ObjectNode node = NODES.objectNode();
        node.put("host", status.host());
        if (status.nextElapse().isPresent()) {
            node.put("next_elapse", status.nextElapse().get());
        } else {
            node.putNull("next_elapse");
        }
        ObjectNode last = node.putObject("last_run");
        status.lastPerMount().forEach((mount, r) -> last.set(mount, json(r)));
        ObjectNode success = node.putObject("last_success");
        status.lastSuccessPerMount().forEach((mount, r) -> success.put(mount, r.time().toString()));
        ArrayNode problems = node.putArray("unreadable_lines");
        status.log().problems().forEach(p -> problems.add(p.toString()));
        return node;
    }

    /** {@code db-01: ok, 999 MiB trimmed in 1.5 s (installed script)} then one indented line per filesystem. */
    public static List<String> text(RunReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %s, %s trimmed in %.1f s (%s script)", report.host(),
                report.outcome().key(), size(report.bytesTrimmed()), report.elapsed().toMillis() / 1000.0,
                report.mode().key()));
        if (report.mode() == RunReport.Mode.NOT_INSTALLED) {
            lines.add("  not installed: run `jts-fleet trim install` first");
        }
        int width = report.records().stream().mapToInt(r -> HostText.escape(r.mount()).length()).max().orElse(0);
        for (TrimRecord r : report.records()) {
            String detail = switch (r.result()) {
                case OK -> String.format(Locale.ROOT, "%s in %.1f s", size(r.bytes()), r.duration().toMillis() / 1000.0);
                default -> HostText.escape(r.reason());
            };
            lines.add(String.format(Locale.ROOT, "  %-" + Math.max(1, width) + "s  %-8s %s", HostText.escape(r.mount()),
                    r.result().key(), detail));
        }
        if (report.outcome() == RunReport.Outcome.CONFIG_ERROR && !report.stderr().isBlank()) {
            lines.add("  " + HostText.escape(HostScriptRunner.firstLine(report.stderr())));
        }
        return lines;
    }

    public static List<String> text(InstallReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(report.host() + ": " + (report.changed() ? "changed" : "ok"));
        for (FileOutcome f : report.files()) {
            lines.add("  " + f.change().key() + " " + f.path());
        }
        Activation a = report.activation();
        String verb = a instanceof Activation.Activated ? "ran" : "would run";
        a.commands().forEach(c -> lines.add("  " + verb + ": " + c));
        if (a instanceof Activation.Activated activated && !activated.nextElapse().isEmpty()) {
            lines.add("  next run: " + activated.nextElapse());
        }
        report.warnings().forEach(w -> lines.add("  warning: " + HostText.escape(w)));
        return lines;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
