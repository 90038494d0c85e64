package jts.fleet.remote.tuning;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jts.fleet.inventory.QueueAttribute;

/**
 * The order queue attributes are written in, everywhere (plan, udev rule assignments, host scripts): the
 * kernel resets nr_requests (and wbt_lat_usec for bfq) when the scheduler changes, and recomputes
 * read_ahead_kb when max_sectors_kb is written. Found on a real loop device: writing max_sectors_kb after
 * read_ahead_kb turned 1024 into 2560. The host scripts get this list (also their allowlist) from
 * {@link TuningScripts#text()}.
 */
public final class WriteOrder {
    public static final List<QueueAttribute> ORDER = List.of(QueueAttribute.SCHEDULER,
            QueueAttribute.MAX_SECTORS_KB, QueueAttribute.NR_REQUESTS, QueueAttribute.WBT_LAT_USEC,
            QueueAttribute.READ_AHEAD_KB, QueueAttribute.RQ_AFFINITY, QueueAttribute.NOMERGES,
            QueueAttribute.ADD_RANDOM, QueueAttribute.WRITE_CACHE, QueueAttribute.MAX_RATIO);

    /**
     * The attributes with a file under {@code /sys/block/DEV/queue/}, in write order: all but {@code max_ratio}, which
     * only a backing device has. What {@code queue-set.sh} (experiments) may write.
     */
    public static final List<QueueAttribute> BLOCK_QUEUE = ORDER.stream()
            .filter(a -> a != QueueAttribute.MAX_RATIO).toList();

    public static final Comparator<QueueAttribute> COMPARATOR = Comparator.comparingInt(ORDER::indexOf);

    private WriteOrder() {
    }

    public static <V> Map<QueueAttribute, V> sorted(Map<QueueAttribute, V> values) {
        Map<QueueAttribute, V> sorted = new TreeMap<>(COMPARATOR);
        sorted.putAll(values);
        return sorted;
    }
}
