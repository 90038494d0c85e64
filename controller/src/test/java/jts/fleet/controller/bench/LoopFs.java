package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.remote.testing.LoopDevices;

/**
 * What the benchmark tests look at: an ext4 filesystem on a loop device mounted under a temporary directory (or
 * a bare device), made and removed by {@link LoopDevices}. Needs root.
 */
final class LoopFs implements AutoCloseable {
    private final LoopDevices loops;
    private final String device;
    private final Path mount;

    private LoopFs(LoopDevices loops, String device, Path mount) {
        this.loops = loops;
        this.device = device;
        this.mount = mount;
    }

    static LoopFs create(long sizeBytes) throws IOException, InterruptedException {
        return create(sizeBytes, true);
    }

    /** A loop device with no filesystem and no mount, for raw-device benchmarks. */
    static LoopFs bare(long sizeBytes) throws IOException, InterruptedException {
        return create(sizeBytes, false);
    }

    private static LoopFs create(long sizeBytes, boolean mount) throws IOException, InterruptedException {
        LoopDevices loops = LoopDevices.inTempDir("jts-bench-loop-");
        try {
            String device = loops.attach("fs", sizeBytes, null);
            Path mountPoint = loops.dir().resolve("mnt");
            if (mount) {
                loops.mkfs(device, "ext4", "-E", "lazy_itable_init=0,lazy_journal_init=0");
                mountPoint = loops.mount(device, "mnt");
            }
            return new LoopFs(loops, device, mountPoint);
        } catch (IOException | InterruptedException | RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    Path mount() {
        return mount;
    }

    /** Device path, e.g. {@code /dev/loop3}. */
    String devicePath() {
        return "/dev/" + device;
    }

    /** Kernel name of the loop device, e.g. {@code loop3}. */
    String deviceName() {
        return device;
    }

    /** Entries under the mount other than ext4's lost+found. */
    List<String> leftovers() throws IOException {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(mount)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lost+found")).forEach(names::add);
        }
        return names;
    }

    @Override
    public void close() {
        loops.close();
    }
}
