package jts.fleet.remote.tuning;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A loop device over a sparse file in a temp directory (optionally with an MBR holding one partition, attached
 * with {@code losetup -P}). Only devices this class attached are ever touched; {@link #close()} detaches it.
 * Needs root: callers check {@code Environment.requireRoot()} first.
 */
public final class LoopImage implements AutoCloseable {
    private final String device;
    private final Optional<String> partition;

    private LoopImage(String device, Optional<String> partition) {
        this.device = device;
        this.partition = partition;
    }

    public static LoopImage attach(Path image, int sizeMiB, boolean partitioned) throws IOException, InterruptedException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength((long) sizeMiB << 20);
            if (partitioned) {
                file.seek(0);
                file.write(mbr(sizeMiB));
            }
        }
        String path = run(partitioned ? List.of("losetup", "-f", "--show", "-P", image.toString())
                : List.of("losetup", "-f", "--show", image.toString())).strip();
        if (!path.matches("/dev/loop[0-9]+")) {
            throw new IOException("losetup printed \"" + path + "\"");
        }
        String name = path.substring("/dev/".length());
        LoopImage loop = new LoopImage(name, partitioned ? Optional.of(name + "p1") : Optional.empty());
        if (partitioned) {
            // the partition's sysfs node appears asynchronously after losetup -P; kernels built without the
            // MSDOS/EFI partition parsers (this CI VM: CONFIG_MSDOS_PARTITION unset) never create it, so
            // partx reads the table in user space and adds the partition through BLKPG
            Path node = Path.of("/sys/block", name, name + "p1");
            for (int i = 0; i < 10 && !Files.exists(node); i++) {
                Thread.sleep(20);
            }
            if (!Files.exists(node)) {
                try {
                    run(List.of("partx", "-a", "/dev/" + name));
                } catch (IOException e) {
                    loop.close();
                    throw e;
                }
            }
            if (!Files.exists(node)) {
                loop.close();
                throw new IOException(node + " did not appear after losetup -P");
            }
        }
        return loop;
    }

    /** One Linux partition from sector 2048 to the end. */
    private static byte[] mbr(int sizeMiB) {
        byte[] mbr = new byte[512];
        long start = 2048;
        long sectors = ((long) sizeMiB << 11) - start;
        int entry = 446;
        mbr[entry + 4] = (byte) 0x83;
        for (int i = 0; i < 4; i++) {
            mbr[entry + 8 + i] = (byte) (start >>> (8 * i));
            mbr[entry + 12 + i] = (byte) (sectors >>> (8 * i));
        }
        mbr[510] = (byte) 0x55;
        mbr[511] = (byte) 0xAA;
        return mbr;
    }

    public String device() {
        return device;
    }

    public Optional<String> partition() {
        return partition;
    }

    public Path queue(String attribute) {
        return Path.of("/sys/block", device, "queue", attribute);
    }

    public String read(String attribute) throws IOException {
        return Files.readString(queue(attribute), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            if (partition.isPresent() && Files.exists(Path.of("/sys/block", device, partition.get()))) {
                try {
                    run(List.of("partx", "-d", "/dev/" + device));
                } catch (IOException e) {
                    // losetup -d below drops the partitions too; this is only the tidy way
                }
            }
            run(List.of("losetup", "-d", "/dev/" + device));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detaching /dev/" + device, e);
        }
    }

    /** Runs a command, returns stdout; a non-zero exit is an IOException with stderr. */
    public static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + ": exit " + p.exitValue() + ": "
                    + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Runs a command with stderr merged into stdout (udevadm test logs to stderr); returns exit and text. */
    public static String runMerged(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + ": timed out");
        }
        return "exit " + p.exitValue() + "\n" + new String(out, StandardCharsets.UTF_8);
    }
}
