package jts.fleet.controller.transport.hostkeys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Appends accept-new's lines to a known_hosts file. A missing file is created {@code 0600} and a missing
 * directory {@code 0700}, whatever the process umask (OpenSSH creates {@code ~/.ssh} 0700 and known_hosts 0600;
 * a umask of 0 must not leave them group-writable). Existing lines (comments, hashed entries, a last line without
 * newline) stay exactly as they are. Hosts of one run record keys concurrently: the JVM-wide monitor orders our
 * threads, the file lock other processes (ssh, another jts-fleet) that honour it; a line already present is not
 * written twice.
 */
public final class KnownHostsWriter {
    /** Orders appends by threads of this JVM (FileChannel.lock is per process). Holds no state. */
    private static final Object APPEND_LOCK = new Object();
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private KnownHostsWriter() {
    }

    /** Appends {@code line} (without newline) to {@code file}, creating it and its directory when missing. */
    public static void append(Path file, String line) throws IOException {
        synchronized (APPEND_LOCK) {
            createParent(file.toAbsolutePath().getParent());
            boolean created = !Files.exists(file);
            try (FileChannel channel = created
                    ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.READ), PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                if (created) {
                    Files.setPosixFilePermissions(file, FILE_MODE); // the umask may have taken bits away
                }
                FileLock lock = channel.lock();
                try {
                    appendLocked(channel, line);
                } finally {
                    lock.release();
                }
            }
        }
    }

    private static void createParent(Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        createParent(directory.getParent());
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return; // another process made it meanwhile: its mode is its business
        }
        Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
    }

    private static void appendLocked(FileChannel channel, String line) throws IOException {
        long size = channel.size();
        ByteBuffer existing = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
        while (existing.hasRemaining() && channel.read(existing, existing.position()) > 0) {
            // read the whole file: a concurrent writer may have recorded the same key
        }
        String text = new String(existing.array(), 0, existing.position(), StandardCharsets.UTF_8);
        if (text.lines().anyMatch(line::equals)) {
            return;
        }
        boolean needsNewline = !text.isEmpty() && !text.endsWith("\n");
        ByteBuffer buffer = ByteBuffer.wrap(((needsNewline ? "\n" : "") + line + "\n")
                .getBytes(StandardCharsets.UTF_8));
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }
}
