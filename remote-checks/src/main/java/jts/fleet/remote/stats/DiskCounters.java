package jts.fleet.remote.stats;

/**
 * One line of /proc/diskstats. Counters are cumulative since the device appeared; {@code inFlight} is a gauge.
 * Times are milliseconds, sizes 512-byte sectors whatever the device's logical block size (kernel convention).
 * Discard counters exist from kernel 4.18 and flush counters from 5.5: {@link #layout()} says which are real;
 * the others are zero and must not be reported.
 */
public record DiskCounters(
        int major, int minor, String device, DiskStatsLayout layout,
        long readsCompleted, long readsMerged, long sectorsRead, long readTimeMs,
        long writesCompleted, long writesMerged, long sectorsWritten, long writeTimeMs,
        long inFlight, long ioTimeMs, long weightedTimeMs,
        long discardsCompleted, long discardsMerged, long sectorsDiscarded, long discardTimeMs,
        long flushesCompleted, long flushTimeMs) {

    /** Sum of all completed requests: zero means the device saw no I/O (or does not account it). */
    public long totalIos() {
        return readsCompleted + writesCompleted + discardsCompleted + flushesCompleted;
    }

    /**
     * Field-wise sum, used to attribute NVMe multipath path devices to their namespace head. io_ticks (busy
     * time) is not additive: paths are busy at the same time, so the head's is approximated by the busiest path.
     */
    DiskCounters plus(DiskCounters o) {
        DiskStatsLayout common = layout.compareTo(o.layout) <= 0 ? layout : o.layout;
        return new DiskCounters(major, minor, device, common,
                readsCompleted + o.readsCompleted, readsMerged + o.readsMerged,
                sectorsRead + o.sectorsRead, readTimeMs + o.readTimeMs,
                writesCompleted + o.writesCompleted, writesMerged + o.writesMerged,
                sectorsWritten + o.sectorsWritten, writeTimeMs + o.writeTimeMs,
                inFlight + o.inFlight, Math.max(ioTimeMs, o.ioTimeMs), weightedTimeMs + o.weightedTimeMs,
                discardsCompleted + o.discardsCompleted, discardsMerged + o.discardsMerged,
                sectorsDiscarded + o.sectorsDiscarded, discardTimeMs + o.discardTimeMs,
                flushesCompleted + o.flushesCompleted, flushTimeMs + o.flushTimeMs);
    }

    DiskCounters renamed(int newMajor, int newMinor, String newDevice) {
        return new DiskCounters(newMajor, newMinor, newDevice, layout,
                readsCompleted, readsMerged, sectorsRead, readTimeMs,
                writesCompleted, writesMerged, sectorsWritten, writeTimeMs,
                inFlight, ioTimeMs, weightedTimeMs,
                discardsCompleted, discardsMerged, sectorsDiscarded, discardTimeMs,
                flushesCompleted, flushTimeMs);
    }
}
