package jts.fleet.controller.transport.hostkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known_hosts files of one run, read once and read again only when one of them changed (accept-new appended a
 * line, the operator edited it). Without it every connection would parse every line again: a fleet of N hosts with
 * an N-line known_hosts costs N² key decodings. The connections of a cold run all ask at once: one of them reads,
 * the others wait for what it read (before, each found nothing cached and read the files itself, the N² again).
 */
public final class KnownHostsCache {
    /** How the files are read: {@link KnownHosts#read} (tests count the reads). */
    @FunctionalInterface
    interface Reader {
        KnownHosts read(Path recordFile, List<Path> others) throws IOException;
    }

    /** What the files looked like when they were read: a changed size, time or identity means read again. */
    private record Stamp(List<Object> files) {
    }

    private record Cached(Stamp stamp, KnownHosts known) {
    }

    private final Map<List<Path>, Cached> cache = new ConcurrentHashMap<>();
    private final Reader reader;

    public KnownHostsCache() {
        this(KnownHosts::read);
    }

    KnownHostsCache(Reader reader) {
        this.reader = reader;
    }

    /**
     * The lines of {@code recordFile} then {@code others}, as {@link KnownHosts#read} gives them.
     *
     * @throws IOException naming the file when one exists but cannot be read
     */
    public KnownHosts get(Path recordFile, List<Path> others) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(recordFile);
        files.addAll(others);
        List<Path> key = List.copyOf(files);
        Stamp now = stamp(key);
        Cached cached = cache.get(key);
        if (cached != null && cached.stamp().equals(now)) {
            return cached.known();
        }
        try {
            // one reader per list of files: the others wait here and take what it read
            return cache.compute(key, (unused, current) -> {
                if (current != null && current.stamp().equals(now)) {
                    return current;
                }
                try {
                    // a file changed while we read it: the stamp taken before reading keeps it from being trusted
                    // next time
                    return new Cached(now, reader.read(recordFile, others));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).known();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Stamp stamp(List<Path> files) throws IOException {
        List<Object> parts = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                parts.add(List.of(String.valueOf(attributes.fileKey()), attributes.size(),
                        attributes.lastModifiedTime().toMillis()));
            } catch (NoSuchFileException e) {
                parts.add("absent");
            }
        }
        return new Stamp(parts);
    }
}
