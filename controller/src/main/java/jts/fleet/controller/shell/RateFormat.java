package jts.fleet.controller.shell;

import java.util.Locale;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.stats.DeviceRates;

/** Number formatting shared by {@code diskstats} and {@code top}: iostat's units and precision. */
final class RateFormat {
    private RateFormat() {
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String num(OptionalDouble value) {
        return value.isPresent() ? num(value.getAsDouble()) : "-";
    }

    /** %util is shown only where it means something (one-at-a-time devices), see DeviceInfo. */
    static String util(DeviceRates r) {
        return r.utilMeaningful() ? String.format(Locale.ROOT, "%.1f", r.utilPct()) : "-";
    }

    static boolean idle(DeviceRates r) {
        return r.readsPerSec() == 0 && r.writesPerSec() == 0 && r.discardsPerSec().orElse(0) == 0
                && r.flushesPerSec().orElse(0) == 0;
    }

    /** The stable JSON fields of one device's rates. */
    static void json(ObjectNode node, DeviceRates r) {
        node.put("device", r.device());
        node.put("r_s", r.readsPerSec());
        node.put("w_s", r.writesPerSec());
        optional(node, "d_s", r.discardsPerSec());
        optional(node, "f_s", r.flushesPerSec());
        node.put("rkb_s", r.readKbPerSec());
        node.put("wkb_s", r.writeKbPerSec());
        node.put("r_await_ms", r.readAwaitMs());
        node.put("w_await_ms", r.writeAwaitMs());
        optional(node, "d_await_ms", r.discardAwaitMs());
        optional(node, "f_await_ms", r.flushAwaitMs());
        node.put("aqu_sz", r.avgQueueSize());
        if (r.utilMeaningful()) {
            node.put("util_pct", r.utilPct());
        } else {
            node.putNull("util_pct");
        }
        node.put("stacked", r.stacked());
    }

    private static void optional(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
