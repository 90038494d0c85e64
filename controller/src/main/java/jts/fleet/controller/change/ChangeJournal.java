package jts.fleet.controller.change;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jts.fleet.inventory.Defaults;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;

/**
 * The controller's change file ({@code $XDG_STATE_HOME/jts-fleet/changes.jsonl} unless the inventory names
 * another): one JSON line per record, appended and flushed to disk before the change it announces starts. When a
 * line would take the file past {@code maxBytes} the file is renamed {@code changes.jsonl.1} (the older ones move up
 * to {@code .KEEP}, the oldest is deleted) and a new one begun: a line is never rewritten in place. Appends and
 * rotation happen under a lock ({@code changes.jsonl.lock}), so several jts-fleet processes (two terminals, the
 * shell and a cron job) share one file without losing or tearing lines.
 */
public final class ChangeJournal {
    public static final String FILE_NAME = "changes.jsonl";

    private final Path file;
    private final long maxBytes;
    private final int keep;

    public ChangeJournal(Path file, long maxBytes, int keep) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maximum size must be positive, got " + maxBytes);
        }
        if (keep < 1 || keep > 99) {
            throw new IllegalArgumentException("files kept must be 1..99, got " + keep);
        }
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** {@code changes.jsonl} in {@code stateDir} with the default size and count. */
    public static ChangeJournal in(Path stateDir) {
        return new ChangeJournal(stateDir.resolve(FILE_NAME), Defaults.ChangeControl.DEFAULT_MAX_BYTES,
                Defaults.ChangeControl.DEFAULT_KEEP);
    }

    public Path file() {
        return file;
    }

    /** The file and its rotated copies, oldest first (those that exist). */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (int i = keep; i >= 1; i--) {
            Path rotated = rotated(i);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        if (Files.exists(file)) {
            files.add(file);
        }
        return files;
    }

    private Path rotated(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    /**
     * Makes sure records can be written (directory and file created, 0700/0600 when new) before anything is
     * changed: a command that could not record what it does does nothing.
     *
     * @throws IOException naming the file
     */
    public void checkWritable() throws IOException {
        synchronized (ChangeJournal.class) {
            createIfMissing();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                // opened for appending: writable
            } catch (AccessDeniedException e) {
                throw new IOException(file + ": permission denied", e);
            }
        }
    }

    /** Appends {@code record} as one line and forces it to disk. */
    public void append(ChangeRecord record) throws IOException {
        byte[] line = (ChangeRecords.toLine(record) + "\n").getBytes(StandardCharsets.UTF_8);
        // one process holds a file lock once: the JVM-wide monitor orders this process's writers
        synchronized (ChangeJournal.class) {
            createIfMissing();
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
                long size = Files.size(file);
                if (size > 0 && size + line.length > maxBytes) {
                    rotate();
                    createIfMissing();
                }
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    out.force(false);
                }
            }
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
    }

    private void createIfMissing() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        try {
            Files.createFile(file);
            // who changed what is the operator's own business: 0600 whatever the umask
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process created it meanwhile
        }
    }

    /**
     * Every record of the file and its rotated copies, oldest first; a line that is not a record, and a file that
     * cannot be read, is a problem naming it (and its line), never an exception.
     */
    public ChangeLogText.Parsed read() {
        ChangeLogText.Parsed parsed = ChangeLogText.Parsed.EMPTY;
        for (Path p : files()) {
            parsed = parsed.plus(read(p));
        }
        return parsed;
    }

    /** One file; a problem instead of an exception when it cannot be read. */
    public static ChangeLogText.Parsed read(Path path) {
        try {
            return ChangeLogText.parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return ChangeLogText.Parsed.EMPTY;
        } catch (AccessDeniedException e) {
            return problem(path, "cannot be read: permission denied: skipped");
        } catch (java.nio.charset.MalformedInputException e) {
            return readLenient(path);
        } catch (IOException e) {
            return problem(path, "cannot be read: " + e.getMessage() + ": skipped");
        }
    }

    /** A file with bytes that are not UTF-8 (a damaged line): decoded leniently, the damaged lines then do not parse. */
    private static ChangeLogText.Parsed readLenient(Path path) {
        try {
            return ChangeLogText.parse(path.toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return problem(path, "cannot be read: " + e.getMessage() + ": skipped");
        }
    }

    private static ChangeLogText.Parsed problem(Path path, String message) {
        return new ChangeLogText.Parsed(List.of(), List.of(new ChangeLogText.Problem(path.toString(), 0, message)));
    }
}
