package jts.fleet.controller.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loop device over a sparse image in a temp dir, optionally with ext4 mounted on it. {@link #close()} unmounts,
 * detaches and deletes, in that order, even after partial setup. Only ever touches what it created.
 */
final class LoopDevice implements AutoCloseable {
    final Path image;
    final String device;   // /dev/loopN
    final Path mountpoint; // null when not mounted

    private LoopDevice(Path image, String device, Path mountpoint) {
        this.image = image;
        this.device = device;
        this.mountpoint = mountpoint;
    }

    String name() {
        return device.substring("/dev/".length());
    }

    static LoopDevice attach(Path dir, String name, long sizeMb, boolean ext4) throws IOException,
            InterruptedException {
        Path image = dir.resolve(name + ".img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(sizeMb * 1024 * 1024);
        }
        String dev = run("losetup", "--find", "--show", image.toString()).strip();
        if (!dev.matches("/dev/loop\\d+")) {
            Files.deleteIfExists(image);
            throw new IOException("losetup printed \"" + dev + "\"");
        }
        LoopDevice loop = new LoopDevice(image, dev, null);
        if (!ext4) {
            return loop;
        }
        try {
            run("mkfs.ext4", "-q", "-F", dev);
            Path mnt = Files.createDirectories(dir.resolve(name + "-mnt"));
            // a long journal commit interval keeps jbd2's own writes out of short comparison windows
            run("mount", "-o", "commit=60", dev, mnt.toString());
            return new LoopDevice(image, dev, mnt);
        } catch (IOException | InterruptedException | RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (mountpoint != null) {
                run("umount", mountpoint.toString());
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("cleanup: umount " + mountpoint + ": " + e.getMessage());
        }
        try {
            run("losetup", "-d", device);
        } catch (IOException | InterruptedException e) {
            System.err.println("cleanup: losetup -d " + device + ": " + e.getMessage());
        }
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            System.err.println("cleanup: rm " + image + ": " + e.getMessage());
        }
    }
}
