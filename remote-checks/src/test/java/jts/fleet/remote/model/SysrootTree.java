package jts.fleet.remote.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a fixture sysroot (sysfs, procfs, udev, /etc ... as a host would show them) from a compact text
 * description, so the real gather script can run against it. Symlinks are created relative, so that
 * resolving them never escapes the sysroot (an absolute link would lead into this machine's /sys).
 *
 * <pre>
 * # comment
 * host db-01 6.8.0-45-generic          proc/sys/kernel/{hostname,osrelease}
 * disk nvme0n1 /sys/devices/pci0000:00/0000:00:1d.0/nvme/nvme0/nvme0n1 [driver nvme]
 *   size 1953525168                   attribute file (path relative to the device directory)
 *   queue/scheduler [none] mq-deadline
 *   queue/ rotational=0 nr_requests=1023   several files of one directory
 *   slaves sda1 sdb1                  entries of slaves/ (holders likewise)
 * part nvme0n1p1                      a partition directory inside the last disk
 *   start 2048
 * file proc/diskstats                 a file; following "| " lines are its content
 * | 259 0 nvme0n1 ...
 * dir run/systemd/system
 * </pre>
 */
public final class SysrootTree {
    private final Path root;
    private Path currentDevice;
    private Path currentDisk;
    private Path currentFile;
    private int lineNumber;

    private SysrootTree(Path root) {
        this.root = root;
    }

    public static void build(Path description, Path root) throws IOException {
        SysrootTree tree = new SysrootTree(root);
        Files.createDirectories(root.resolve("sys/block"));
        List<String> lines = Files.readAllLines(description, StandardCharsets.UTF_8);
        for (String line : lines) {
            tree.lineNumber++;
            try {
                tree.line(line);
            } catch (IOException | RuntimeException e) {
                throw new IOException(description + ":" + tree.lineNumber + ": " + e.getMessage(), e);
            }
        }
        tree.flushFile();
    }

    private StringBuilder fileContent;

    private void line(String line) throws IOException {
        if (line.startsWith("|")) {
            if (fileContent == null) {
                throw new IllegalArgumentException("content line outside a file");
            }
            fileContent.append(line.length() > 1 ? line.substring(2) : "").append('\n');
            return;
        }
        flushFile();
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        boolean indented = Character.isWhitespace(line.charAt(0));
        String[] words = trimmed.split("\\s+", 2);
        String keyword = words[0];
        String rest = words.length > 1 ? words[1] : "";
        if (indented) {
            attribute(keyword, rest);
            return;
        }
        switch (keyword) {
            case "host" -> {
                String[] hk = rest.split("\\s+");
                write(root.resolve("proc/sys/kernel/hostname"), hk[0]);
                write(root.resolve("proc/sys/kernel/osrelease"), hk[1]);
            }
            case "disk" -> disk(rest.split("\\s+"));
            case "part" -> {
                currentDevice = currentDisk.resolve(rest);
                Files.createDirectories(currentDevice.resolve("holders"));
            }
            case "file" -> {
                currentFile = root.resolve(rest);
                fileContent = new StringBuilder();
            }
            case "dir" -> Files.createDirectories(root.resolve(rest));
            // No sockets: udevadm does not know about sysroots, so a fixture with run/udev/control would have
            // an apply against it reload and trigger this machine's real devices. A test of that path binds
            // its own socket and puts a fake udevadm first on PATH (UdevTriggerScriptTest).
            case "socket" -> throw new IllegalArgumentException("fixture sysroots have no sockets: " + rest);
            default -> throw new IllegalArgumentException("unknown keyword " + keyword);
        }
    }

    private void disk(String[] words) throws IOException {
        String name = words[0];
        Path dir = root.resolve(words[1].substring(1));
        Files.createDirectories(dir.resolve("slaves"));
        Files.createDirectories(dir.resolve("holders"));
        Path link = root.resolve("sys/block").resolve(name);
        Files.createSymbolicLink(link, link.getParent().relativize(dir));
        if (!words[1].contains("/devices/virtual/")) {
            // real sysfs: .../<controller>/block/<disk> or .../<controller>/<disk>; device -> the controller
            Path controller = dir.getParent().getFileName().toString().equals("block")
                    ? dir.getParent().getParent() : dir.getParent();
            Files.createSymbolicLink(dir.resolve("device"), dir.relativize(controller));
            if (words.length >= 3 && words[2].equals("driver")) {
                Path driver = root.resolve("sys/bus/drivers").resolve(words[3]);
                Files.createDirectories(driver);
                Path driverLink = controller.resolve("driver");
                if (!Files.exists(driverLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(driverLink, controller.relativize(driver));
                }
            }
        }
        currentDisk = dir;
        currentDevice = dir;
    }

    private void attribute(String key, String value) throws IOException {
        if (currentDevice == null) {
            throw new IllegalArgumentException("attribute outside a disk or part");
        }
        if (key.equals("slaves") || key.equals("holders")) {
            for (String n : value.split("\\s+")) {
                Files.createDirectories(currentDevice.resolve(key).resolve(n));
            }
        } else if (key.endsWith("/")) {
            for (String pair : value.split("\\s+")) {
                String[] kv = pair.split("=", 2);
                write(currentDevice.resolve(key + kv[0]), kv[1]);
            }
        } else {
            write(currentDevice.resolve(key), value);
        }
    }

    private void flushFile() throws IOException {
        if (currentFile != null) {
            Files.createDirectories(currentFile.getParent());
            Files.writeString(currentFile, fileContent.toString());
            currentFile = null;
            fileContent = null;
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
    }
}
