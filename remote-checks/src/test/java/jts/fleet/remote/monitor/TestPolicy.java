package jts.fleet.remote.monitor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;

/** Tiers with distinct thresholds so tests can tell which tier's limit an alert used; nas is NFS. */
final class TestPolicy {
    private TestPolicy() {
    }

    static final Tier DB = new Tier("db",
            new TierMatch(Set.of(DeviceClass.NVME), List.of(), List.of("/var/lib/db")),
            Map.of(QueueAttribute.SCHEDULER, "none", QueueAttribute.READ_AHEAD_KB, "16"), true,
            new Thresholds(2, 5, 2, 5, 1, 3, 2, 5, 7, 85, 95), true);

    static final Tier BULK = new Tier("bulk",
            new TierMatch(Set.of(DeviceClass.HDD), List.of(), List.of()),
            Map.of(QueueAttribute.SCHEDULER, "mq-deadline"), false,
            new Thresholds(20, 50, 20, 50, 30, 80, 50, 100, 30, 90, 98), false);

    /** NFS: no diskstats, latency from node_exporter's mountstats; no TRIM, no queue. */
    static final Tier NAS = new Tier("nas",
            new TierMatch(Set.of(DeviceClass.NETWORK), List.of(), List.of("/mnt/nas")),
            Map.of(), false,
            new Thresholds(40, 100, 60, 150, 80, 200, 50, 100, 30, 90, 97), false);

    static final List<Tier> TIERS = List.of(DB, BULK, NAS);
}
