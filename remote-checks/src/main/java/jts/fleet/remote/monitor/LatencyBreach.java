package jts.fleet.remote.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jts.fleet.inventory.Thresholds;
import jts.fleet.remote.stats.DeviceRates;

/**
 * A device await above its tier's SLO in one interval. The same limits as the rendered alert rules; stacked
 * devices are never judged (their leaves are), and %util / queue depth never are.
 */
public record LatencyBreach(String metric, double valueMs, double limitMs, Level level) {

    public enum Level { WARNING, CRITICAL }

    public static List<LatencyBreach> evaluate(DeviceRates r, Thresholds t) {
        List<LatencyBreach> out = new ArrayList<>();
        if (r.stacked()) {
            return out;
        }
        check(out, "r_await", r.readsPerSec() > 0, r.readAwaitMs(), t.readAwaitWarnMs(), t.readAwaitCritMs());
        check(out, "w_await", r.writesPerSec() > 0, r.writeAwaitMs(), t.writeAwaitWarnMs(), t.writeAwaitCritMs());
        if (r.flushAwaitMs().isPresent()) {
            check(out, "f_await", r.flushesPerSec().orElse(0) > 0, r.flushAwaitMs().getAsDouble(),
                    t.flushAwaitWarnMs(), t.flushAwaitCritMs());
        }
        return out;
    }

    private static void check(List<LatencyBreach> out, String metric, boolean active, double value, double warn,
                              double crit) {
        if (!active) {
            return;
        }
        if (value > crit) {
            out.add(new LatencyBreach(metric, value, crit, Level.CRITICAL));
        } else if (value > warn) {
            out.add(new LatencyBreach(metric, value, warn, Level.WARNING));
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s %.2f ms > %s ms", metric, valueMs, AlertRules.number(limitMs));
    }
}
