package jts.fleet.remote.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A fake {@code /sys/block} tree of regular files in a temp directory, for running the host scripts. */
final class FakeSysfs {
    final Path root;

    FakeSysfs(Path root) {
        this.root = root;
    }

    Path attribute(String device, String attribute) {
        return root.resolve("sys/block").resolve(device).resolve("queue").resolve(attribute);
    }

    FakeSysfs device(String device, Map<String, String> queue) {
        queue.forEach((attribute, value) -> write(attribute(device, attribute), value + "\n"));
        return this;
    }

    FakeSysfs hidden(String device) {
        write(root.resolve("sys/block").resolve(device).resolve("hidden"), "1\n");
        return this;
    }

    String read(String device, String attribute) {
        try {
            return Files.readString(attribute(device, attribute), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every attribute of every device, "dev/attr" -> content, for before/after comparisons. */
    Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        try (var devices = Files.list(root.resolve("sys/block"))) {
            for (Path dev : devices.toList()) {
                Path queue = dev.resolve("queue");
                if (!Files.isDirectory(queue)) {
                    continue;
                }
                try (var attrs = Files.list(queue)) {
                    for (Path a : attrs.toList()) {
                        if (Files.isRegularFile(a) && !Files.isSymbolicLink(a)) {
                            all.put(dev.getFileName() + "/" + a.getFileName(), Files.readString(a));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
