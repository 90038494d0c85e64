package jts.fleet.controller.transport.hostkeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key lines of the known_hosts files a host is checked against, in reading order: first the file new keys
 * are recorded in, then read-only ones (further {@code UserKnownHostsFile}s, the global file). Files that do not
 * exist contribute nothing, as in OpenSSH. Lines we cannot read (an unknown key type, a typo) are skipped and
 * counted in {@link #skipped()}, as OpenSSH skips them: one bad line must not make every host unknown.
 *
 * @param recordFile the file accept-new appends to
 * @param entries    the key lines of all files, in reading order
 * @param skipped    {@code file:line: why} of each line that was not understood
 */
public record KnownHosts(Path recordFile, List<KnownHostsEntry> entries, List<String> skipped) {
    public KnownHosts {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }

    /**
     * Reads {@code recordFile} and then {@code others}.
     *
     * @throws IOException naming the file when one exists but cannot be read
     */
    public static KnownHosts read(Path recordFile, List<Path> others) throws IOException {
        List<KnownHostsEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(recordFile);
        files.addAll(others);
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new IOException("cannot read known_hosts " + file + ": " + e.getMessage(), e);
            }
            parse(file, text, entries, skipped);
        }
        return new KnownHosts(recordFile, entries, skipped);
    }

    /** From text (tests, and callers that already hold the file's content). */
    public static KnownHosts parse(Path file, String text) {
        List<KnownHostsEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        parse(file, text, entries, skipped);
        return new KnownHosts(file, entries, skipped);
    }

    private static void parse(Path file, String text, List<KnownHostsEntry> entries, List<String> skipped) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                Optional<KnownHostsEntry> entry = KnownHostsEntry.parse(file, i + 1, lines[i]);
                entry.ifPresent(entries::add);
            } catch (IllegalArgumentException e) {
                skipped.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    /** Lines with {@code marker} whose host patterns name {@code lookupName}. */
    public List<KnownHostsEntry> applying(KnownHostsEntry.Marker marker, String lookupName) {
        List<KnownHostsEntry> found = new ArrayList<>();
        for (KnownHostsEntry entry : entries) {
            if (entry.marker() == marker && entry.hosts().matches(lookupName)) {
                found.add(entry);
            }
        }
        return found;
    }
}
