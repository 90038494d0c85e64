package jts.fleet.controller.transport.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

import com.hierynomus.sshj.userauth.certificate.Certificate;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * OpenSSH-style key descriptions, e.g. {@code ssh-ed25519 SHA256:u0Zk...} (what {@code ssh-keygen -l} prints).
 * A certificate's fingerprint is its key's, as OpenSSH computes it; its type says it is a certificate.
 */
public final class KeyFingerprint {
    private KeyFingerprint() {
    }

    /** Key type and SHA256 fingerprint: {@code ssh-ed25519 SHA256:...}. */
    public static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " " + sha256(key);
    }

    /** The short form OpenSSH's messages use: {@code ED25519 SHA256:...}, {@code ED25519-CERT SHA256:...}. */
    public static String label(PublicKey key) {
        return shortType(KeyType.fromKey(key)) + " " + sha256(key);
    }

    /** {@code SHA256:} plus unpadded base64 of the SHA-256 of the key blob, as OpenSSH 6.8+ shows it. */
    public static String sha256(PublicKey key) {
        PublicKey plain = key instanceof Certificate<?> certificate ? certificate.getKey() : key;
        return sha256(blob(plain));
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

    /** The SSH wire encoding of a key (for a certificate: the whole certificate). */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    private static String shortType(KeyType type) {
        return switch (type) {
            case ED25519 -> "ED25519";
            case ED25519_CERT -> "ED25519-CERT";
            case RSA -> "RSA";
            case RSA_CERT -> "RSA-CERT";
            case ECDSA256, ECDSA384, ECDSA521 -> "ECDSA";
            case ECDSA256_CERT, ECDSA384_CERT, ECDSA521_CERT -> "ECDSA-CERT";
            default -> type.toString();
        };
    }
}
