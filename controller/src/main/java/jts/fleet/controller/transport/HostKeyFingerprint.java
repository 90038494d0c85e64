package jts.fleet.controller.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** OpenSSH-style key description, e.g. {@code ssh-ed25519 SHA256:u0Zk...} (what {@code ssh-keygen -l} prints). */
public final class HostKeyFingerprint {
    private HostKeyFingerprint() {
    }

    public static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " " + sha256(key);
    }

    /** {@code SHA256:} plus unpadded base64 of the SHA-256 of the key blob, as OpenSSH 6.8+ shows it. */
    public static String sha256(PublicKey key) {
        return sha256(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    /** Same, from the raw key blob (the base64 field of a known_hosts or .pub line, decoded). */
    public static String sha256(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
