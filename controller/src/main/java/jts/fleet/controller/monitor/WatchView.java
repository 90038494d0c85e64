package jts.fleet.controller.monitor;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.model.HostText;
import jts.fleet.remote.monitor.LatencyBreach;
import jts.fleet.remote.stats.DeviceRates;

/** Renders {@link WatchTick}s: an iostat-like table for people, one JSON object per line for scripts. */
public final class WatchView {
    private static final ObjectMapper JSON = jts.fleet.remote.json.JsonMappers.mapper();
    private static final String RED = "\u001b[31;1m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WatchView() {
    }

    /**
     * One JSON object (no newline inside): {@code {"time", "hosts": [{"host", "error"?, "devices": [...]}]}}.
     * Absent figures (discards before 4.18, flushes before 5.5) are null, never a misleading 0.
     */
    public static String json(WatchTick tick) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", tick.time().toString());
        ArrayNode hosts = root.putArray("hosts");
        for (WatchTick.HostTick h : tick.hosts()) {
            ObjectNode host = hosts.addObject();
            host.put("host", h.host());
            h.error().ifPresent(e -> host.put("error", e));
            ArrayNode devices = host.putArray("devices");
            for (WatchTick.Row row : h.rows()) {
                DeviceRates r = row.rates();
                ObjectNode d = devices.addObject();
                d.put("device", row.device());
                d.put("tier", row.tier().isEmpty() ? null : row.tier());
                d.put("r_s", round(r.readsPerSec()));
                d.put("w_s", round(r.writesPerSec()));
                put(d, "d_s", r.discardsPerSec());
                put(d, "f_s", r.flushesPerSec());
                d.put("rkb_s", round(r.readKbPerSec()));
                d.put("wkb_s", round(r.writeKbPerSec()));
                put(d, "dkb_s", r.discardKbPerSec());
                d.put("r_await_ms", round(r.readAwaitMs()));
                d.put("w_await_ms", round(r.writeAwaitMs()));
                put(d, "d_await_ms", r.discardAwaitMs());
                put(d, "f_await_ms", r.flushAwaitMs());
                d.put("aqu_sz", round(r.avgQueueSize()));
                d.put("util_pct", round(r.utilPct()));
                d.put("util_meaningful", r.utilMeaningful());
                d.put("stacked", r.stacked());
                d.put("breach", row.worst().map(l -> l.name().toLowerCase(Locale.ROOT)).orElse(null));
                if (!row.breaches().isEmpty()) {
                    ArrayNode b = d.putArray("breaches");
                    row.breaches().forEach(x -> b.add(x.describe()));
                }
            }
            if (!h.notes().isEmpty()) {
                ArrayNode notes = host.putArray("notes");
                h.notes().forEach(notes::add);
            }
        }
        return jts.fleet.remote.json.JsonMappers.line(root);
    }

    /** The table of one tick, all hosts' rows merged worst first; errors listed below. */
    public static String text(WatchTick tick, boolean ansi) {
        StringBuilder out = new StringBuilder();
        out.append(TIME.format(tick.time())).append('\n');
        String header = String.format(Locale.ROOT, "%-16s %-12s %-8s %8s %8s %9s %9s %8s %8s %8s %6s %6s",
                "HOST", "DEVICE", "TIER", "r/s", "w/s", "rkB/s", "wkB/s", "r_await", "w_await", "f_await",
                "aqu-sz", "%util");
        out.append(header).append('\n');
        List<WatchTick.Row> rows = new ArrayList<>();
        tick.hosts().forEach(h -> rows.addAll(h.rows()));
        rows.sort(WatchEngine.WORST_FIRST);
        for (WatchTick.Row row : rows) {
            DeviceRates r = row.rates();
            String line = String.format(Locale.ROOT, "%-16s %-12s %-8s %8.1f %8.1f %9.1f %9.1f %8.2f %8.2f %8s %6.2f %6s",
                    cut(row.host(), 16), cut(HostText.escape(row.device()), 12),
                    row.tier().isEmpty() ? "-" : cut(row.tier(), 8),
                    r.readsPerSec(), r.writesPerSec(), r.readKbPerSec(), r.writeKbPerSec(), r.readAwaitMs(),
                    r.writeAwaitMs(), fmt(r.flushAwaitMs()), r.avgQueueSize(),
                    // %util of parallel devices is not a saturation figure: show it in parentheses
                    r.utilMeaningful() ? String.format(Locale.ROOT, "%.1f", r.utilPct())
                            : String.format(Locale.ROOT, "(%.0f)", r.utilPct()));
            if (!row.breaches().isEmpty()) {
                String why = "  " + String.join(", ", row.breaches().stream().map(LatencyBreach::describe).toList());
                line += why;
                if (ansi) {
                    line = (row.worst().orElseThrow() == LatencyBreach.Level.CRITICAL ? RED : YELLOW) + line + RESET;
                }
            }
            out.append(line).append('\n');
        }
        for (WatchTick.HostTick h : tick.hosts()) {
            h.error().ifPresent(e -> out.append(ansi ? RED : "").append("! ").append(h.host()).append(": ")
                    .append(HostText.escape(e.startsWith(h.host() + ":") ? e.substring(h.host().length() + 1).strip() : e))
                    .append(ansi ? RESET : "").append('\n'));
            for (String note : h.notes()) {
                out.append("  ").append(h.host()).append(": ").append(HostText.escape(note)).append('\n');
            }
        }
        return out.toString();
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "-";
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static void put(ObjectNode node, String key, OptionalDouble v) {
        if (v.isPresent()) {
            node.put(key, round(v.getAsDouble()));
        } else {
            node.putNull(key);
        }
    }
}
