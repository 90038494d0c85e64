package jts.fleet.controller.transport.hostkeys;

import java.nio.file.Path;
import java.util.Optional;

import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.controller.transport.keys.PublicKeyText;
import jts.fleet.inventory.Components;
import jts.fleet.inventory.Keyed;

/**
 * One key line of a known_hosts file: {@code [@cert-authority|@revoked] HOSTS TYPE BASE64 [COMMENT]}.
 *
 * @param file   the file it was read from
 * @param line   its line number (from 1), for messages
 * @param marker what the line says about the key
 * @param hosts  the host patterns the line applies to
 * @param key    the key: a host key, a CA key ({@code @cert-authority}) or a revoked key
 */
public record KnownHostsEntry(Path file, int line, Marker marker, HostPatterns hosts, PublicKeyText key) {

    /** The optional first field of a line: {@code @} and the marker's {@link #key()}; a host key line has none. */
    public enum Marker implements Keyed.Hyphenated {
        /** No marker: a host key of the hosts named. */
        HOST_KEY,
        /** {@code @cert-authority}: the key signs host certificates for the hosts named. */
        CERT_AUTHORITY,
        /** {@code @revoked}: the key must never be accepted, whatever other line says. */
        REVOKED;

        /** The marker a first field such as {@code @revoked} names, empty for any other field. */
        static Optional<Marker> of(String field) {
            return field.startsWith("@")
                    ? Keyed.parse(Marker.class, field.substring(1)).filter(marker -> marker != HOST_KEY)
                    : Optional.empty();
        }
    }

    public KnownHostsEntry {
        Components.requireNonNull(KnownHostsEntry.class, file, line, marker, hosts, key);
    }

    /** {@code /home/x/.ssh/known_hosts:12}. */
    public String where() {
        return file + ":" + line;
    }

    /** {@code ssh-ed25519 SHA256:...}. */
    public String describeKey() {
        return key.type() + " " + KeyFingerprint.sha256(key.key());
    }

    /**
     * Parses one line; empty for blank lines and comments.
     *
     * @throws IllegalArgumentException when the line is neither a comment nor a key line we can read
     */
    static Optional<KnownHostsEntry> parse(Path file, int lineNumber, String text) {
        String line = text.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = line.split("\\s+", 5);
        int index = 0;
        Marker marker = Marker.HOST_KEY;
        if (fields[0].startsWith("@")) {
            marker = Marker.of(fields[0]).orElseThrow(
                    () -> new IllegalArgumentException("unknown marker " + fields[0]));
            index = 1;
        }
        if (fields.length < index + 3) {
            throw new IllegalArgumentException("expected [marker] hosts type key");
        }
        String hosts = fields[index];
        String type = fields[index + 1];
        String comment = fields.length > index + 3 ? String.join(" ",
                java.util.Arrays.copyOfRange(fields, index + 3, fields.length)) : "";
        PublicKeyText key = PublicKeyText.decode(type, fields[index + 2], comment).orElseThrow(
                () -> new IllegalArgumentException("unreadable " + type + " key"));
        return Optional.of(new KnownHostsEntry(file, lineNumber, marker, new HostPatterns(hosts), key));
    }
}
