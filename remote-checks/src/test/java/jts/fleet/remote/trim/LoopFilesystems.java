package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * Real filesystems for TRIM tests (root only): ext4 and xfs on loop devices over 512 MiB sparse files (queue
 * attributes as the kernel sets them: some kernels call loop devices rotational), a bind
 * mount of the ext4, a tmpfs and a path that does not exist, all under one temporary directory. Discards on a
 * loop device punch holes in its backing file, so {@link #allocatedBytes} shows whether a range was trimmed.
 * {@link #close()} unmounts, detaches and deletes everything, also after a failed setup.
 */
public final class LoopFilesystems implements AutoCloseable {
    private static final long IMAGE_BYTES = 512L << 20;

    private final LoopDevices loops;
    private final Path dir;
    private final List<String> loopDevices = new ArrayList<>();
    public final Path ext4Image;
    public final Path xfsImage;
    public final Path ext4;
    public final Path xfs;
    public final Path bind;
    public final Path tmpfs;
    public final Path missing;

    private LoopFilesystems(LoopDevices loops) {
        this.loops = loops;
        this.dir = loops.dir();
        ext4Image = loops.backingFile("ext4");
        xfsImage = loops.backingFile("xfs");
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
        LoopFilesystems fs = new LoopFilesystems(LoopDevices.inTempDir("jts-trim-loop"));
        try {
            fs.setUp();
            return fs;
        } catch (InterruptedException e) {
            fs.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up loop filesystems", e);
        } catch (IOException | RuntimeException | Error e) {
            fs.close();
            throw e;
        }
    }

    private void setUp() throws IOException, InterruptedException {
        // left as the kernel reports them (rotational=1 on some kernels): TRIM goes by discard_max_bytes, not by that
        String ext4Loop = loops.attach("ext4", IMAGE_BYTES, null);
        loopDevices.add("/dev/" + ext4Loop);
        String xfsLoop = loops.attach("xfs", IMAGE_BYTES, null);
        loopDevices.add("/dev/" + xfsLoop);
        // -E nodiscard / -K: keep mkfs from trimming; the tests want to see their own trims
        loops.mkfs(ext4Loop, "ext4", "-E", "nodiscard");
        loops.mkfs(xfsLoop, "xfs", "-K");
        loops.mount(ext4Loop, "ext4");
        loops.mount(xfsLoop, "xfs");
        loops.bindMount(ext4, "ext4-bind");
        loops.tmpfs("tmpfs", "16m");
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

    /** Unmounts (bind and tmpfs before the filesystems below them), detaches and deletes, in reverse order. */
    @Override
    public void close() {
        loops.close();
    }
}
