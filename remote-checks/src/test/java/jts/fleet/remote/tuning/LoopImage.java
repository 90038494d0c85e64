package jts.fleet.remote.tuning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jts.fleet.remote.testing.LoopDevices;

/**
 * One loop device for the tuning tests, made by {@link LoopDevices} over a sparse file (optionally with an MBR
 * holding one partition), with the sysfs views the tests read. Only devices this class attached are ever touched;
 * {@link #close()} detaches it. Needs root: callers check {@code Environment.requireRoot()} first.
 */
public final class LoopImage implements AutoCloseable {
    private final LoopDevices loops;
    private final String device;
    private final Optional<String> partition;

    private LoopImage(LoopDevices loops, String device, Optional<String> partition) {
        this.loops = loops;
        this.device = device;
        this.partition = partition;
    }

    public static LoopImage attach(Path image, int sizeMiB, boolean partitioned) throws IOException, InterruptedException {
        LoopDevices loops = new LoopDevices(image.toAbsolutePath().getParent());
        String name = image.getFileName().toString().replaceFirst("\\.img$", "");
        try {
            String device = loops.attach(name, (long) sizeMiB << 20, partitioned ? LoopDevices.ONE_PARTITION : null);
            return new LoopImage(loops, device, partitioned ? Optional.of(device + "p1") : Optional.empty());
        } catch (IOException | InterruptedException | RuntimeException e) {
            loops.close();
            throw e;
        }
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
    public void close() {
        loops.close();
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
