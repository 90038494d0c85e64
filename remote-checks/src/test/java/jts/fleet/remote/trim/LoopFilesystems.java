package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.remote.testing.Environment;

/**
 * Real filesystems for TRIM tests (root only): ext4 and xfs on loop devices over 512 MiB sparse files (queue
 * attributes as the kernel sets them: some kernels call loop devices rotational), a bind
 * mount of the ext4, a tmpfs and a path that does not exist, all under one temporary directory. Discards on a
 * loop device punch holes in its backing file, so {@link #allocatedBytes} shows whether a range was trimmed.
 * {@link #close()} unmounts, detaches and deletes everything, also after a failed setup.
 */
public final class LoopFilesystems implements AutoCloseable {
    private static final long IMAGE_BYTES = 512L << 20;

    private final Path dir;
    private final List<String> loopDevices = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();
    public final Path ext4Image;
    public final Path xfsImage;
    public final Path ext4;
    public final Path xfs;
    public final Path bind;
    public final Path tmpfs;
    public final Path missing;

    private LoopFilesystems(Path dir) {
        this.dir = dir;
        ext4Image = dir.resolve("ext4.img");
        xfsImage = dir.resolve("xfs.img");
        ext4 = dir.resolve("ext4");
        xfs = dir.resolve("xfs");
        bind = dir.resolve("ext4-bind");
        tmpfs = dir.resolve("tmpfs");
        missing = dir.resolve("missing");
    }

    /** Checks root and tools (skip, or fail under CI), then builds and mounts everything. */
    public static LoopFilesystems create() throws IOException {
        Environment.requireRoot();
        for (String tool : List.of("losetup", "mkfs.ext4", "mkfs.xfs", "fstrim", "findmnt", "flock", "mount", "umount")) {
            Environment.requireTool(tool);
        }
        LoopFilesystems fs = new LoopFilesystems(Files.createTempDirectory("jts-trim-loop"));
        try {
            fs.setUp();
            return fs;
        } catch (IOException | RuntimeException | Error e) {
            fs.close();
            throw e;
        }
    }

    private void setUp() throws IOException {
        for (Path p : List.of(ext4, xfs, bind, tmpfs)) {
            Files.createDirectories(p);
        }
        String ext4Loop = attach(ext4Image);
        String xfsLoop = attach(xfsImage);
        // -E nodiscard / -K: keep mkfs from trimming; the tests want to see their own trims
        must("mkfs.ext4", "-q", "-F", "-E", "nodiscard", ext4Loop);
        must("mkfs.xfs", "-q", "-f", "-K", xfsLoop);
        mount(ext4, "mount", ext4Loop, ext4.toString());
        mount(xfs, "mount", xfsLoop, xfs.toString());
        mount(bind, "mount", "--bind", ext4.toString(), bind.toString());
        mount(tmpfs, "mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", tmpfs.toString());
    }

    public Path directory() {
        return dir;
    }

    /** {@code /dev/loopN} of the ext4 (index 0) and the xfs (index 1). */
    public List<String> loopDevices() {
        return List.copyOf(loopDevices);
    }

    /** Every configured target in the order tests list them: ext4, xfs, bind, tmpfs, missing. */
    public List<String> targets() {
        return List.of(ext4.toString(), xfs.toString(), bind.toString(), tmpfs.toString(), missing.toString());
    }

    private String attach(Path image) throws IOException {
        must("truncate", "-s", String.valueOf(IMAGE_BYTES), image.toString());
        String loop = must("losetup", "--find", "--show", image.toString()).strip();
        assertThat(loop).matches("/dev/loop[0-9]+");
        loopDevices.add(loop);
        // left as the kernel reports it (rotational=1 on some kernels): TRIM goes by discard_max_bytes, not by that
        return loop;
    }

    private void mount(Path target, String... command) {
        must(command);
        mounts.add(target);
    }

    public static String must(String... command) {
        HostScript.Run run = HostScript.exec(command);
        assertThat(run.exit()).as("%s: %s", String.join(" ", command), run).isZero();
        return run.stdout();
    }

    public static long allocatedBytes(Path file) {
        return Long.parseLong(must("stat", "-c", "%b", file.toString()).strip()) * 512;
    }

    /** Writes and deletes {@code mib} MiB of incompressible data, so the backing file holds freed blocks. */
    public static void churn(Path mount, int mib) {
        Path file = mount.resolve("churn.bin");
        must("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=" + mib, "conv=fsync", "status=none");
        must("rm", "-f", file.toString());
        must("sync", "-f", mount.toString());
    }

    @Override
    public void close() {
        // reverse order: bind and tmpfs before the filesystems below them, devices last
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (HostScript.exec("umount", mounts.get(i).toString()).exit() != 0) {
                HostScript.exec("umount", "-l", mounts.get(i).toString());
            }
        }
        mounts.clear();
        for (String loop : loopDevices) {
            HostScript.exec("losetup", "-d", loop);
        }
        loopDevices.clear();
        HostScript.exec("rm", "-rf", "--one-file-system", dir.toString());
    }
}
