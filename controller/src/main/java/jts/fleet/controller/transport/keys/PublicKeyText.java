package jts.fleet.controller.transport.keys;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHRuntimeException;

/**
 * One public key as OpenSSH writes it in {@code .pub}, {@code -cert.pub}, {@code authorized_keys} and known_hosts
 * lines: {@code TYPE BASE64 [COMMENT]}. The type written must be the type inside the blob.
 *
 * @param type    the algorithm name as written, e.g. {@code ssh-ed25519} or {@code ssh-ed25519-cert-v01@openssh.com}
 * @param blob    the decoded wire encoding of the key (or certificate)
 * @param key     the key sshj decoded from the blob; a {@link com.hierynomus.sshj.userauth.certificate.Certificate}
 *                for certificate types
 * @param comment what follows the key, possibly empty
 */
public record PublicKeyText(String type, byte[] blob, PublicKey key, String comment) {
    public PublicKeyText {
        blob = blob.clone();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** True when {@code other} has the same wire encoding. */
    public boolean sameBlob(byte[] other) {
        return Arrays.equals(blob, other);
    }

    /**
     * Parses {@code TYPE BASE64 [COMMENT]} (leading and trailing blanks ignored).
     *
     * @return the key, or empty with nothing thrown when the line is not a key sshj can read (unknown type, bad
     *         base64, type and blob disagreeing); callers name the file and line
     */
    public static Optional<PublicKeyText> parse(String text) {
        String[] fields = text.strip().split("\\s+", 3);
        if (fields.length < 2) {
            return Optional.empty();
        }
        return decode(fields[0], fields[1], fields.length == 3 ? fields[2] : "");
    }

    /** Decodes a key from its separate type and base64 fields. */
    public static Optional<PublicKeyText> decode(String type, String base64, String comment) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            Buffer.PlainBuffer buffer = new Buffer.PlainBuffer(blob);
            String inner = new Buffer.PlainBuffer(blob).readString();
            if (!inner.equals(type)) {
                return Optional.empty();
            }
            return Optional.of(new PublicKeyText(type, blob, buffer.readPublicKey(), comment));
        } catch (Buffer.BufferException | SSHRuntimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
