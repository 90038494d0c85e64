package jts.fleet.controller.transport;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Strict known_hosts checking with an optional OpenSSH-style {@code accept-new}: unknown keys may be recorded,
 * changed keys never. One instance per connection attempt; after a refusal {@link #refusal()} holds the
 * sentence for the user, because sshj itself only reports "Could not verify ... host key".
 *
 * <p>sshj looks keys up per key type, so a host known with an RSA key that now offers an ed25519 key would
 * look "unknown" to it. We treat any existing entry for the host as knowledge: a key of another type is a
 * change, and accept-new does not record it.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    /** Orders appends by threads of this JVM (FileChannel.lock is per process). Holds no state. */
    private static final Object APPEND_LOCK = new Object();

    private final String hostName;
    private final Path file;
    private final boolean acceptNew;
    private volatile String refusal;
    private volatile String recorded;

    KnownHostsVerifier(String hostName, Path file, boolean acceptNew) throws IOException {
        super(file.toFile());
        this.hostName = hostName;
        this.file = file;
        this.acceptNew = acceptNew;
    }

    /** Why the key was refused, or null when it was accepted. */
    String refusal() {
        return refusal;
    }

    /** What accept-new appended during this connection ("Permanently added" in OpenSSH), or null. */
    String recorded() {
        return recorded;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String lookupName, PublicKey key) {
        List<String> otherTypes = knownFingerprints(lookupName);
        if (!otherTypes.isEmpty()) {
            refusal = hostName + ": host key changed for " + lookupName + ": " + file + " has "
                    + String.join(", ", otherTypes) + ", host offered " + HostKeyFingerprint.describe(key)
                    + " — possible man-in-the-middle; remove the old entry only if the change is expected";
            return false;
        }
        if (!acceptNew) {
            refusal = hostName + ": host key unknown (" + HostKeyFingerprint.describe(key) + ") for "
                    + lookupName + " — verify it and rerun with --accept-new-host-keys";
            return false;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            append(new HostEntry(null, lookupName, KeyType.fromKey(key), key).getLine());
            recorded = hostName + ": recorded new host key " + HostKeyFingerprint.describe(key) + " for "
                    + lookupName + " in " + file;
            return true;
        } catch (IOException e) {
            refusal = hostName + ": cannot record host key " + HostKeyFingerprint.describe(key) + " for "
                    + lookupName + " in " + file + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String lookupName, PublicKey key) {
        refusal = hostName + ": host key changed for " + lookupName + ": " + file + " has "
                + String.join(", ", knownFingerprints(lookupName)) + ", host offered "
                + HostKeyFingerprint.describe(key)
                + " — possible man-in-the-middle; remove the old entry only if the change is expected";
        return false;
    }

    /**
     * Appends one line; existing lines (comments, hashed entries) stay exactly as they are. sshj's own
     * {@code write} would glue the entry onto a last line without newline, and hosts of one run accept keys
     * concurrently: the JVM-wide monitor orders our threads, the file lock other processes (ssh, another
     * jts-fleet) that honour it.
     */
    private void append(String line) throws IOException {
        synchronized (APPEND_LOCK) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                FileLock lock = channel.lock();
                try {
                    appendLocked(channel, line);
                } finally {
                    lock.release();
                }
            }
        }
    }

    private static void appendLocked(FileChannel channel, String line) throws IOException {
        long size = channel.size();
        boolean needsNewline = false;
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            needsNewline = last.get(0) != '\n';
        }
        ByteBuffer buffer = ByteBuffer.wrap(((needsNewline ? "\n" : "") + line + "\n")
                .getBytes(StandardCharsets.UTF_8));
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    /** Fingerprints of every entry for {@code lookupName}, whatever the key type. */
    private List<String> knownFingerprints(String lookupName) {
        List<String> found = new ArrayList<>();
        for (KnownHostEntry entry : entries()) {
            try {
                if (entry.appliesTo(lookupName) && entry instanceof HostEntry hostEntry) {
                    found.add(describeEntry(hostEntry));
                }
            } catch (IOException e) {
                // A malformed (e.g. hashed with a bad salt) line cannot apply to this host.
            }
        }
        return found;
    }

    /** Type and SHA256 fingerprint from the entry's line ({@code [marker] hosts type base64 [comment]}). */
    private static String describeEntry(HostEntry entry) {
        String[] fields = entry.getLine().trim().split("\\s+");
        int typeIndex = fields.length > 0 && fields[0].startsWith("@") ? 2 : 1;
        if (fields.length <= typeIndex + 1) {
            return entry.getType().toString();
        }
        try {
            byte[] blob = java.util.Base64.getDecoder().decode(fields[typeIndex + 1]);
            return fields[typeIndex] + " " + HostKeyFingerprint.sha256(blob);
        } catch (IllegalArgumentException e) {
            return entry.getType().toString();
        }
    }

    static File defaultFile() {
        return jts.fleet.inventory.UserDirs.current().knownHosts().toFile();
    }
}
