package jts.fleet.remote.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real loop devices for integration tests, the one helper of every module: sparse backing files, an optional
 * partition table, filesystems and mounts (also bind and tmpfs), the sets of mounts TRIM tests meet
 * ({@link #trimTargets()}), and what tests read from them (queue attributes, allocated blocks, files left on a
 * mount). Only what this object created is ever touched; {@link #close()} undoes it in reverse order (a busy mount
 * is retried, then detached lazily), also after a failed setup, and removes the directory when it made it. Needs
 * root: callers check {@link Environment#requireRoot()} first.
 */
public final class LoopDevices implements AutoCloseable {
    /** One Linux partition over the whole image (sfdisk script). */
    public static final String ONE_PARTITION = "label: dos\n,,83\n";
    /** A 32 MiB partition and one over the rest (sfdisk script). */
    public static final String TWO_PARTITIONS = "label: gpt\n,32M\n,\n";

    private final Path dir;
    private final boolean ownDir;
    private final Deque<List<String>> undo = new ArrayDeque<>();

    private LoopDevices(Path dir, boolean ownDir) {
        this.dir = dir;
        this.ownDir = ownDir;
    }

    /** Backing files and mount points in {@code dir} (a test's temporary directory), which is left in place. */
    public LoopDevices(Path dir) {
        this(dir, false);
    }

    /** Backing files and mount points in a new temporary directory, removed by {@link #close()}. */
    public static LoopDevices inTempDir(String prefix) throws IOException {
        return new LoopDevices(Files.createTempDirectory(prefix), true);
    }

    public Path dir() {
        return dir;
    }

    /** Attaches a sparse file of {@code megabytes}; returns the kernel name, e.g. {@code loop3}. */
    public String attach(String name, int megabytes, boolean partitions) throws IOException, InterruptedException {
        return attach(name, (long) megabytes << 20, partitions ? TWO_PARTITIONS : null);
    }

    /**
     * Attaches a sparse file of {@code bytes}, partitioned by the sfdisk script {@code partitionTable} when not null
     * (partitions appear as {@code loopNp1} ...); returns the kernel name.
     */
    public String attach(String name, long bytes, String partitionTable) throws IOException, InterruptedException {
        Path file = backingFile(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        undo.push(List.of("rm", "-f", file.toString()));
        if (partitionTable != null) {
            runWithInput(partitionTable, "sfdisk", "--quiet", file.toString());
        }
        List<String> losetup = new ArrayList<>(List.of("losetup", "-f", "--show"));
        if (partitionTable != null) {
            losetup.add("-P");
        }
        losetup.add(file.toString());
        String device = run(losetup.toArray(String[]::new)).strip();
        if (!device.matches("/dev/loop[0-9]+")) {
            throw new IOException("losetup printed \"" + device + "\"");
        }
        undo.push(List.of("losetup", "-d", device));
        String kernelName = device.substring("/dev/".length());
        if (partitionTable != null) {
            // the partition's sysfs node appears asynchronously after losetup -P; kernels built without the
            // MSDOS/EFI partition parsers never create it, so partx reads the table in user space (BLKPG)
            Path node = Path.of("/sys/block", kernelName, kernelName + "p1");
            for (int i = 0; i < 100 && !Files.exists(node); i++) {
                Thread.sleep(20);
            }
            if (!Files.exists(node)) {
                run("partx", "-a", device);
            }
            if (!Files.exists(node)) {
                throw new IOException(node + " did not appear after losetup -P and partx -a");
            }
        }
        return kernelName;
    }

    public Path backingFile(String name) {
        return dir.resolve(name + ".img");
    }

    /** A loop device with a filesystem, mounted: its kernel name, backing file and mount point. */
    public record Filesystem(String device, Path image, Path mount) {
        /** {@code /dev/loopN}. */
        public String devicePath() {
            return "/dev/" + device;
        }
    }

    /**
     * A sparse file of {@code bytes} on a loop device, {@code mkfs.<fstype>} with {@code mkfsOptions}, mounted on
     * {@code dir/name}.
     */
    public Filesystem filesystem(String name, long bytes, String fstype, String... mkfsOptions)
            throws IOException, InterruptedException {
        String device = attach(name, bytes, null);
        mkfs(device, fstype, mkfsOptions);
        return new Filesystem(device, backingFile(name), mount(device, name));
    }

    /**
     * What TRIM meets on a host, in the order tests list them: ext4 and xfs (512 MiB each, queue attributes as the
     * kernel sets them: some kernels call loop devices rotational, and TRIM goes by discard_max_bytes), a bind
     * mount of the ext4, a tmpfs and a path that does not exist. Discards on a loop device punch holes in its
     * backing file, so {@link #allocatedBytes} shows whether a range was trimmed.
     */
    public record TrimTargets(Filesystem ext4, Filesystem xfs, Path bind, Path tmpfs, Path missing) {
        /** Every target, as a trim config lists them. */
        public List<String> paths() {
            return List.of(ext4.mount().toString(), xfs.mount().toString(), bind.toString(), tmpfs.toString(),
                    missing.toString());
        }
    }

    /** Makes the {@link TrimTargets} (tools checked first: skip, or fail under CI). */
    public TrimTargets trimTargets() throws IOException, InterruptedException {
        for (String tool : List.of("losetup", "mkfs.ext4", "mkfs.xfs", "fstrim", "findmnt", "flock", "mount", "umount")) {
            Environment.requireTool(tool);
        }
        // -E nodiscard / -K: keep mkfs from trimming; the tests want to see their own trims
        Filesystem ext4 = filesystem("ext4", 512L << 20, "ext4", "-E", "nodiscard");
        Filesystem xfs = filesystem("xfs", 512L << 20, "xfs", "-K");
        return new TrimTargets(ext4, xfs, bindMount(ext4.mount(), "ext4-bind"), tmpfs("tmpfs", "16m"),
                dir.resolve("missing"));
    }

    /** {@code mkfs.<fstype>} on {@code /dev/<device>}, forced, quiet, with the given extra options. */
    public void mkfs(String device, String fstype, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mkfs." + fstype, "-q", fstype.equals("xfs") ? "-f" : "-F"));
        command.addAll(List.of(options));
        command.add("/dev/" + device);
        run(command.toArray(String[]::new));
    }

    /** Mounts {@code /dev/device} (or a path, or {@code tmpfs}) on a new directory; returns it. */
    public Path mount(String source, String mountName, String... options) throws IOException, InterruptedException {
        Path target = dir.resolve(mountName);
        Files.createDirectories(target);
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(options));
        command.add(source.startsWith("/") || source.equals("tmpfs") ? source : "/dev/" + source);
        command.add(target.toString());
        run(command.toArray(String[]::new));
        undo.push(List.of("umount", target.toString()));
        return target;
    }

    public Path bindMount(Path source, String mountName) throws IOException, InterruptedException {
        return mount(source.toString(), mountName, "--bind");
    }

    public Path tmpfs(String mountName, String size) throws IOException, InterruptedException {
        return mount("tmpfs", mountName, "-t", "tmpfs", "-o", "size=" + size);
    }

    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        while (!undo.isEmpty()) {
            List<String> command = undo.pop();
            try {
                if (command.get(0).equals("umount")) {
                    unmount(command.get(1));
                } else {
                    run(command.toArray(String[]::new));
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("cleanup failed: " + command + ": " + e.getMessage());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (ownDir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("cleanup failed: rm -r " + dir + ": " + e.getMessage());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A process that was just killed (fio) may hold the filesystem for a moment: retry, then detach lazily. */
    private static void unmount(String target) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                run("umount", target);
                return;
            } catch (IOException busy) {
                Thread.sleep(250);
            }
        }
        run("umount", "-l", target);
    }

    /** {@code /sys/block/DEVICE/queue/ATTRIBUTE} as the kernel shows it (with its newline). */
    public static String queue(String device, String attribute) throws IOException {
        return Files.readString(Path.of("/sys/block", device, "queue", attribute), StandardCharsets.UTF_8);
    }

    /** Bytes a (sparse) file really occupies: what discards on its loop device gave back shows here. */
    public static long allocatedBytes(Path file) throws IOException, InterruptedException {
        return Long.parseLong(run("stat", "-c", "%b", file.toString()).strip()) * 512;
    }

    /** Writes and deletes {@code mib} MiB of incompressible data, so the backing file holds freed blocks. */
    public static void churn(Path mount, int mib) throws IOException, InterruptedException {
        Path file = mount.resolve("churn.bin");
        run("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=" + mib, "conv=fsync", "status=none");
        run("rm", "-f", file.toString());
        run("sync", "-f", mount.toString());
    }

    /** Entries under {@code mount} other than ext4's lost+found: what a test left behind. */
    public static List<String> leftovers(Path mount) throws IOException {
        try (Stream<Path> entries = Files.list(mount)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lost+found")).toList();
        }
    }

    /**
     * Runs a command with stderr merged into stdout (udevadm test logs to stderr): "exit N" on the first line,
     * then its output, whatever the exit.
     */
    public static String runMerged(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": timed out");
        }
        return "exit " + p.exitValue() + "\n" + new String(out, StandardCharsets.UTF_8);
    }

    /** Runs a command; its output (stderr merged) when it exits 0, else an IOException naming it. */
    public static String run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    public static String runWithInput(String input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output.strip());
        }
        return output;
    }
}
