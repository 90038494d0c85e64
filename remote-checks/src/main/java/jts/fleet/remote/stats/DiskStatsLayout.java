package jts.fleet.remote.stats;

/**
 * The shapes a /proc/diskstats line has had, by total field count (including major, minor and name).
 * Kernel differences are data here: the parser looks the layout up by count instead of branching on versions.
 */
public enum DiskStatsLayout {
    /** Partitions before 2.6.25: reads, sectors read, writes, sectors written only. */
    PARTITION_7(7),
    /** The classic 11 counters. */
    BASIC_14(14),
    /** Kernel 4.18 added four discard counters. */
    DISCARDS_18(18),
    /** Kernel 5.5 added two flush counters. */
    FLUSHES_20(20);

    private final int fields;

    DiskStatsLayout(int fields) {
        this.fields = fields;
    }

    public int fields() {
        return fields;
    }

    public boolean hasDiscards() {
        return fields >= 18;
    }

    public boolean hasFlushes() {
        return fields >= 20;
    }

    /** The layout with exactly {@code count} fields, or null. */
    static DiskStatsLayout ofFieldCount(int count) {
        for (DiskStatsLayout l : values()) {
            if (l.fields == count) {
                return l;
            }
        }
        return null;
    }
}
