package jts.fleet.remote.trim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small /sys trees for block stacks this machine does not have (dm, md, NVMe partitions), laid out like the
 * kernel's: {@code dev/block/MAJ:MIN} links into {@code devices/}, {@code slaves/} links to the layer below,
 * partitions are directories inside their disk with a {@code partition} file.
 */
final class SysfsFixtures {
    private SysfsFixtures() {
    }

    static Path build(Path root, String shape, String majmin) throws IOException {
        switch (shape) {
            case "dm-over-partition" -> {
                Path nvme = disk(root, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/nvme0n1", "2199023255040", "0");
                Path partition = Files.createDirectories(nvme.resolve("nvme0n1p2"));
                Files.writeString(partition.resolve("partition"), "2\n");
                Path dm = disk(root, "devices/virtual/block/dm-1", "0", "0");
                slave(dm, partition);
                link(root, majmin, dm);
            }
            case "md-over-disks" -> {
                Path sda = disk(root, "devices/pci0000:00/ata1/block/sda", "0", "1");
                Path sdb = disk(root, "devices/pci0000:00/ata2/block/sdb", "0", "1");
                Path md = disk(root, "devices/virtual/block/md0", "0", "1");
                slave(md, sda);
                slave(md, sdb);
                link(root, majmin, md);
            }
            case "dm-over-mixed" -> {
                Path sda = disk(root, "devices/pci0000:00/ata1/block/sda", "0", "1");
                Path nvme = disk(root, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/nvme0n1", "2199023255040", "0");
                Path dm = disk(root, "devices/virtual/block/dm-0", "2199023255040", "0");
                slave(dm, sda);
                slave(dm, nvme);
                link(root, majmin, dm);
            }
            case "virtio-rotational-discard" -> {
                // a cloud volume or thin LUN: says it spins, takes discards (its pool gets the space back)
                Path vdb = disk(root, "devices/pci0000:00/0000:00:05.0/virtio2/block/vdb", "1073741824", "1");
                Path partition = Files.createDirectories(vdb.resolve("vdb1"));
                Files.writeString(partition.resolve("partition"), "1\n");
                link(root, majmin, partition);
            }
            case "md-over-flash-disks" -> {
                // every member takes discards, the md layer does not pass them (an old raid456 without
                // devices_handle_discard_safely): nothing below it is reached
                Path sda = disk(root, "devices/pci0000:00/ata1/block/sda", "2147450880", "0");
                Path sdb = disk(root, "devices/pci0000:00/ata2/block/sdb", "2147450880", "0");
                Path md = disk(root, "devices/virtual/block/md0", "0", "0");
                slave(md, sda);
                slave(md, sdb);
                link(root, majmin, md);
            }
            default -> throw new IllegalArgumentException("unknown sysfs fixture " + shape);
        }
        return root;
    }

    private static Path disk(Path root, String path, String discardMaxBytes, String rotational) throws IOException {
        Path dir = Files.createDirectories(root.resolve(path));
        Path queue = Files.createDirectories(dir.resolve("queue"));
        Files.writeString(queue.resolve("discard_max_bytes"), discardMaxBytes + "\n");
        Files.writeString(queue.resolve("rotational"), rotational + "\n");
        Files.createDirectories(dir.resolve("slaves"));
        return dir;
    }

    private static void slave(Path upper, Path lower) throws IOException {
        Path link = upper.resolve("slaves").resolve(lower.getFileName());
        Files.createSymbolicLink(link, link.getParent().relativize(lower));
    }

    private static void link(Path root, String majmin, Path device) throws IOException {
        Path link = Files.createDirectories(root.resolve("dev/block")).resolve(majmin);
        Files.createSymbolicLink(link, link.getParent().relativize(device));
    }
}
