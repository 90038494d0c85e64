package jts.fleet.remote.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.model.GatherException;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.HostSnapshot;

/** Policies and recorded hosts for the tuning tests. */
final class TuningFixtures {
    static final Thresholds THRESHOLDS = new Thresholds(1, 5, 2, 10, 5, 20, 2, 10, 10, 80, 90);
    static final Maintenance MAINTENANCE = new Maintenance(List.of(), "Sat *-*-* 03:00:00", 10);

    private TuningFixtures() {
    }

    static Tier tier(String name, Set<DeviceClass> classes, List<String> devices, List<String> mounts,
                     Map<QueueAttribute, String> queue) {
        return new Tier(name, new TierMatch(classes, devices, mounts), queue, true, THRESHOLDS, false);
    }

    static Map<QueueAttribute, String> queue(Object... keyValues) {
        Map<QueueAttribute, String> queue = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            queue.put((QueueAttribute) keyValues[i], (String) keyValues[i + 1]);
        }
        return queue;
    }

    /**
     * hot: NVMe, the kernel name sdc, the database mounts; warm: SATA SSD/HDD and /data/warm-storage. The
     * glob on sdc makes a conflict with the warm LVM volume on sdc1.
     */
    static Policy edgePolicy() {
        return new Policy(List.of(
                tier("hot", Set.of(DeviceClass.NVME), List.of("sdc"), List.of("/var/lib/postgresql", "/var/lib/kafka"),
                        queue(QueueAttribute.SCHEDULER, "none", QueueAttribute.READ_AHEAD_KB, "128",
                                QueueAttribute.RQ_AFFINITY, "2", QueueAttribute.WBT_LAT_USEC, "0")),
                tier("warm", Set.of(DeviceClass.SSD, DeviceClass.HDD), List.of(), List.of("/data/warm-storage"),
                        queue(QueueAttribute.SCHEDULER, "mq-deadline", QueueAttribute.READ_AHEAD_KB, "1024",
                                QueueAttribute.ADD_RANDOM, "0"))),
                MAINTENANCE, Map.of());
    }

    static HostSnapshot snapshot(String resource) {
        Path file = Path.of("src/test/resources").resolve(resource);
        // fixtures/NAME/gather.out is host NAME; tuning/hosts/NAME.gather likewise
        String host = resource.startsWith("fixtures/") ? file.getParent().getFileName().toString()
                : file.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
        try {
            return GatherParser.parse(host, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GatherException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }
}
