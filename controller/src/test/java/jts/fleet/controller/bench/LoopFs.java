package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An ext4 filesystem on a loop device mounted under a temporary directory, for benchmarks on a real block
 * device without touching the machine's disks. {@link #close()} unmounts, detaches and deletes everything.
 * Needs root.
 */
final class LoopFs implements AutoCloseable {
    private final Path dir;
    private final Path image;
    private final Path mount;
    private final String device;
    private final boolean mounted;

    private LoopFs(Path dir, Path image, Path mount, String device, boolean mounted) {
        this.dir = dir;
        this.image = image;
        this.mount = mount;
        this.device = device;
        this.mounted = mounted;
    }

    static LoopFs create(long sizeBytes) throws IOException, InterruptedException {
        return create(sizeBytes, true);
    }

    /** A loop device with no filesystem and no mount, for raw-device benchmarks. */
    static LoopFs bare(long sizeBytes) throws IOException, InterruptedException {
        return create(sizeBytes, false);
    }

    private static LoopFs create(long sizeBytes, boolean mount) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jts-bench-loop-");
        Path image = dir.resolve("fs.img");
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        try (var raf = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        String device = null;
        try {
            device = run("losetup", "--find", "--show", image.toString()).strip();
            if (mount) {
                run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", device);
                run("mount", device, mountPoint.toString());
            }
            return new LoopFs(dir, image, mountPoint, device, mount);
        } catch (IOException | RuntimeException e) {
            if (device != null) {
                quietly("umount", mountPoint.toString());
                quietly("losetup", "-d", device);
            }
            deleteTree(dir);
            throw e;
        }
    }

    Path mount() {
        return mount;
    }

    /** Device path, e.g. {@code /dev/loop3}. */
    String devicePath() {
        return device;
    }

    /** Kernel name of the loop device, e.g. {@code loop3}. */
    String deviceName() {
        return device.substring(device.lastIndexOf('/') + 1);
    }

    /** Entries under the mount other than ext4's lost+found. */
    List<String> leftovers() throws IOException {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(mount)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lost+found")).forEach(names::add);
        }
        return names;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    private static void quietly(String... command) {
        try {
            run(command);
        } catch (IOException | InterruptedException e) {
            // best effort during cleanup; the next step reports what is left
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        boolean interrupted = false;
        for (int attempt = 0; mounted && attempt < 20; attempt++) {
            try {
                run("umount", mount.toString());
                failure = null;
                break;
            } catch (IOException e) {
                // a just-killed fio may still hold the filesystem for a moment
                failure = e;
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    interrupted = true;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (mounted && failure != null) {
            quietly("umount", "-l", mount.toString());
        }
        quietly("losetup", "-d", device);
        Files.deleteIfExists(image);
        deleteTree(dir);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
