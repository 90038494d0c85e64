package jts.fleet.remote.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * iostat -x arithmetic between two samples (sysstat's rd_stats/compute_ext_disk_stats): rates are counter
 * deltas over the uptime delta, await = time delta / completed delta, aqu-sz = weighted time delta / interval,
 * %util = io time delta / interval (capped at 100 like sysstat).
 */
public final class IoStat {
    /** Counters that wrap on older kernels are 32-bit (unsigned long on 32-bit builds, some int fields). */
    static final long WRAP_32 = 1L << 32;

    private IoStat() {
    }

    /**
     * Rates of every device present in both samples. Devices present in only one sample appear in
     * {@link Interval#appeared()} or {@link Interval#vanished()}; devices whose counters went backwards by more
     * than a 32-bit wrap (or whose major:minor changed: removed and re-added) are in {@link Interval#reset()}
     * and get no row for this interval, since a rate across a reset is meaningless.
     *
     * @param info per device; devices missing from it are guessed from their name
     */
    public static Interval between(Sample a, Sample b, Map<String, DeviceInfo> info) {
        double seconds = b.uptimeSeconds() - a.uptimeSeconds();
        List<DeviceRates> rows = new ArrayList<>();
        List<String> appeared = new ArrayList<>();
        List<String> vanished = new ArrayList<>();
        List<String> reset = new ArrayList<>();
        if (seconds <= 0) {
            // clock did not advance (or host rebooted): no rates can be computed, everything starts over
            reset.addAll(b.devices().keySet());
            return new Interval(seconds, rows, appeared, vanished, reset);
        }
        for (DiskCounters prev : a.devices().values()) {
            if (!b.devices().containsKey(prev.device())) {
                vanished.add(prev.device());
            }
        }
        for (DiskCounters cur : b.devices().values()) {
            DiskCounters prev = a.devices().get(cur.device());
            if (prev == null) {
                appeared.add(cur.device());
                continue;
            }
            DeviceInfo di = info.getOrDefault(cur.device(), DeviceInfo.fromName(cur.device()));
            DeviceRates r = rates(prev, cur, seconds, di);
            if (r == null) {
                reset.add(cur.device());
            } else {
                rows.add(r);
            }
        }
        return new Interval(seconds, rows, appeared, vanished, reset);
    }

    /** Delta of a cumulative counter, or -1 when it was reset. */
    static long delta(long prev, long cur) {
        if (cur >= prev) {
            return cur - prev;
        }
        long wrapped = cur + WRAP_32 - prev;
        // A 32-bit counter that wrapped was near 2^32 before and small after, so the wrapped delta is modest.
        // A device removed and re-added restarts near zero from any value: that is a reset, not a wrap.
        if (prev < WRAP_32 && wrapped < WRAP_32 / 2) {
            return wrapped;
        }
        return -1;
    }

    private static DeviceRates rates(DiskCounters p, DiskCounters c, double s, DeviceInfo info) {
        if (p.major() != c.major() || p.minor() != c.minor()) {
            return null;
        }
        long rIos = delta(p.readsCompleted(), c.readsCompleted());
        long rMerges = delta(p.readsMerged(), c.readsMerged());
        long rSec = delta(p.sectorsRead(), c.sectorsRead());
        long rTicks = delta(p.readTimeMs(), c.readTimeMs());
        long wIos = delta(p.writesCompleted(), c.writesCompleted());
        long wMerges = delta(p.writesMerged(), c.writesMerged());
        long wSec = delta(p.sectorsWritten(), c.sectorsWritten());
        long wTicks = delta(p.writeTimeMs(), c.writeTimeMs());
        long ioTicks = delta(p.ioTimeMs(), c.ioTimeMs());
        long rqTicks = delta(p.weightedTimeMs(), c.weightedTimeMs());
        long dIos = delta(p.discardsCompleted(), c.discardsCompleted());
        long dSec = delta(p.sectorsDiscarded(), c.sectorsDiscarded());
        long dTicks = delta(p.discardTimeMs(), c.discardTimeMs());
        long fIos = delta(p.flushesCompleted(), c.flushesCompleted());
        long fTicks = delta(p.flushTimeMs(), c.flushTimeMs());
        long[] all = {rIos, rMerges, rSec, rTicks, wIos, wMerges, wSec, wTicks, ioTicks, rqTicks,
                dIos, dSec, dTicks, fIos, fTicks};
        for (long d : all) {
            if (d < 0) {
                return null;
            }
        }
        boolean discards = p.layout().hasDiscards() && c.layout().hasDiscards();
        boolean flushes = p.layout().hasFlushes() && c.layout().hasFlushes();
        return new DeviceRates(c.device(),
                rIos / s, wIos / s,
                discards ? OptionalDouble.of(dIos / s) : OptionalDouble.empty(),
                flushes ? OptionalDouble.of(fIos / s) : OptionalDouble.empty(),
                rSec / 2.0 / s, wSec / 2.0 / s,
                discards ? OptionalDouble.of(dSec / 2.0 / s) : OptionalDouble.empty(),
                rMerges / s, wMerges / s,
                await(rTicks, rIos), await(wTicks, wIos),
                discards ? OptionalDouble.of(await(dTicks, dIos)) : OptionalDouble.empty(),
                flushes ? OptionalDouble.of(await(fTicks, fIos)) : OptionalDouble.empty(),
                rqTicks / s / 1000.0,
                Math.min(100.0, ioTicks / s / 10.0),
                info.utilMeaningful(), info.stacked());
    }

    private static double await(long ticks, long ios) {
        return ios == 0 ? 0.0 : (double) ticks / ios;
    }

    /** Result of one interval. */
    public record Interval(double seconds, List<DeviceRates> devices, List<String> appeared,
                           List<String> vanished, List<String> reset) {
        public Interval {
            devices = List.copyOf(devices);
            appeared = List.copyOf(appeared);
            vanished = List.copyOf(vanished);
            reset = List.copyOf(reset);
        }
    }
}
