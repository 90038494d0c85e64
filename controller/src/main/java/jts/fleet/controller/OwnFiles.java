package jts.fleet.controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The modes of every file and directory jts-fleet creates on the controller (reports, snapshots, the bench store,
 * rendered units, the shell's history), whatever the umask: 0644 in 0755 directories, or 0600 in 0700 for what
 * is private. Under {@code umask 000} reports and snapshots were 0666, world-writable. Modes are set explicitly
 * after creating (a mode given at creation is masked by the umask); directories that exist already keep theirs;
 * files are written to a temporary file in the same directory and moved into place, so a reader never sees half.
 */
public final class OwnFiles {
    /** Who may read what jts-fleet writes. */
    public enum Access {
        /** 0644 files in 0755 directories: reports, snapshots, benchmark results, rendered units. */
        SHARED("rw-r--r--", "rwxr-xr-x"),
        /** 0600 files in 0700 directories: the shell's history (host names and patterns of an incident). */
        PRIVATE("rw-------", "rwx------");

        private final Set<PosixFilePermission> file;
        private final Set<PosixFilePermission> directory;

        Access(String file, String directory) {
            this.file = PosixFilePermissions.fromString(file);
            this.directory = PosixFilePermissions.fromString(directory);
        }
    }

    private OwnFiles() {
    }

    /** Creates {@code dir} and its missing parents; each one created here gets the mode of {@code access}. */
    public static void createDirectories(Path dir, Access access) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p);
                Files.setPosixFilePermissions(p, access.directory);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e; // a file where a directory should be: the caller's message names it
                }
            }
        }
    }

    /** Writes {@code content} to {@code file} (replacing it) with the mode of {@code access}, parents created. */
    public static void write(Path file, byte[] content, Access access) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir, access);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, access.file);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path file, String text, Access access) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), access);
    }

    /** Creates {@code file} empty with the mode of {@code access} when it does not exist; an existing one is kept. */
    public static void createFile(Path file, Access access) throws IOException {
        createDirectories(file.toAbsolutePath().getParent(), access);
        try {
            Files.createFile(file);
            Files.setPosixFilePermissions(file, access.file);
        } catch (FileAlreadyExistsException e) {
            // kept as it is
        }
    }
}
