package jts.fleet.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real loop devices for integration tests: sparse backing files, optional partition table, filesystem and
 * mount. Everything created is undone in reverse order by {@link #close()}, also after a failed test.
 */
public final class LoopDevices implements AutoCloseable {
    private final Path dir;
    private final Deque<List<String>> undo = new ArrayDeque<>();

    public LoopDevices(Path dir) {
        this.dir = dir;
    }

    /** Attaches a sparse file of {@code megabytes}; returns the kernel name, e.g. {@code loop3}. */
    public String attach(String name, int megabytes, boolean partitions) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".img");
        run("truncate", "-s", megabytes + "M", file.toString());
        if (partitions) {
            runWithInput("label: gpt\n,32M\n,\n", "sfdisk", "--quiet", file.toString());
        }
        List<String> losetup = new ArrayList<>(List.of("losetup", "-f", "--show"));
        if (partitions) {
            losetup.add("-P");
        }
        losetup.add(file.toString());
        String device = run(losetup.toArray(String[]::new)).strip();
        undo.push(List.of("losetup", "-d", device));
        String kernelName = device.substring("/dev/".length());
        if (partitions && !Files.exists(Path.of("/sys/block", kernelName, kernelName + "p1"))) {
            // kernels without a built-in partition table parser ignore --partscan: add them with BLKPG
            run("partx", "-a", device);
        }
        return kernelName;
    }

    public Path backingFile(String name) {
        return dir.resolve(name + ".img");
    }

    public void mkfs(String device, String fstype) throws IOException, InterruptedException {
        if (fstype.equals("xfs")) {
            run("mkfs.xfs", "-q", "-f", "/dev/" + device);
        } else {
            run("mkfs." + fstype, "-q", "-F", "/dev/" + device);
        }
    }

    /** Mounts {@code /dev/device} (or a source such as {@code tmpfs}) on a new directory; returns it. */
    public Path mount(String source, String mountName, String... options) throws IOException, InterruptedException {
        Path target = dir.resolve(mountName);
        Files.createDirectories(target);
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(options));
        command.add(source.startsWith("/") || source.equals("tmpfs") ? source : "/dev/" + source);
        command.add(target.toString());
        run(command.toArray(String[]::new));
        undo.push(List.of("umount", "-l", target.toString()));
        return target;
    }

    public Path bindMount(Path source, String mountName) throws IOException, InterruptedException {
        return mount(source.toString(), mountName, "--bind");
    }

    @Override
    public void close() {
        while (!undo.isEmpty()) {
            List<String> command = undo.pop();
            try {
                run(command.toArray(String[]::new));
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("cleanup failed: " + command + ": " + e.getMessage());
            }
        }
    }

    public static String run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    public static String runWithInput(String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
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
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
