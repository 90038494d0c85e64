package jts.fleet.controller.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;

/**
 * Hosts made of a fake sysroot (regular files under sys/block) reached through the local transport: the real
 * gather, tune-read, tune-apply and tune-rollback scripts run against them, no root needed.
 */
final class SysrootHosts {
    static final Thresholds THRESHOLDS = new Thresholds(1, 5, 2, 10, 5, 20, 2, 10, 10, 80, 90);

    private SysrootHosts() {
    }

    static Policy policy(Map<QueueAttribute, String> queue) {
        return new Policy(List.of(new Tier("fast", new TierMatch(Set.of(DeviceClass.NVME), List.of(), List.of()),
                queue, true, THRESHOLDS, false)), new Maintenance(List.of(), "Sat *-*-* 03:00:00", 10), Map.of());
    }

    static Policy defaultTestPolicy() {
        Map<QueueAttribute, String> queue = new java.util.LinkedHashMap<>();
        queue.put(QueueAttribute.SCHEDULER, "none");
        queue.put(QueueAttribute.READ_AHEAD_KB, "128");
        queue.put(QueueAttribute.NOMERGES, "0");
        return policy(queue);
    }

    /** A host with two NVMe namespaces on mq-deadline with 4 MiB read-ahead, and a SATA disk nobody manages. */
    static Path build(Path root) {
        device(root, "nvme0n1", "mq-deadline", "4096");
        device(root, "nvme1n1", "mq-deadline", "4096");
        write(root.resolve("sys/block/sda/queue/scheduler"), "[mq-deadline] none\n");
        write(root.resolve("sys/block/sda/queue/rotational"), "1\n");
        write(root.resolve("proc/sys/kernel/hostname"), root.getFileName() + "\n");
        return root;
    }

    static void device(Path root, String name, String scheduler, String readAheadKb) {
        Path queue = root.resolve("sys/block").resolve(name).resolve("queue");
        String list = Stream.of("none", "mq-deadline", "kyber", "bfq")
                .map(s -> s.equals(scheduler) ? "[" + s + "]" : s).reduce((a, b) -> a + " " + b).orElseThrow();
        write(queue.resolve("scheduler"), list + "\n");
        write(queue.resolve("read_ahead_kb"), readAheadKb + "\n");
        write(queue.resolve("nomerges"), "0\n");
        write(queue.resolve("rotational"), "0\n");
        write(queue.resolve("max_hw_sectors_kb"), "512\n");
    }

    static HostSpec host(String name, Path sysroot, Policy policy) {
        return new HostSpec(name, HostSpec.Connection.LOCAL, "localhost", 22, System.getProperty("user.name"),
                Optional.empty(), Optional.empty(), HostSpec.Become.NONE, List.of("test"),
                Optional.of(sysroot.toString()), policy);
    }

    /** Every file of the tree, path -> content: "the host ends as it was" is this map being equal. */
    static Map<String, String> contents(Path root) {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    all.put(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static String read(Path root, String device, String attribute) {
        try {
            return Files.readString(root.resolve("sys/block").resolve(device).resolve("queue").resolve(attribute)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
