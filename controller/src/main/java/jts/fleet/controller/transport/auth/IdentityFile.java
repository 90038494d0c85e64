package jts.fleet.controller.transport.auth;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

import jts.fleet.inventory.Components;

/**
 * What an identity file offers before its private key is needed: its public key (from {@code KEY.pub} or the clear
 * head of an openssh-key-v1 file), whether the private part is encrypted, the certificate beside it
 * ({@code KEY-cert.pub}), or why it cannot be used at all.
 *
 * @param path        the private key file
 * @param publicKey   the public key; empty for a legacy encrypted file without {@code .pub} (known after decryption)
 * @param encrypted   true when a passphrase protects the private part
 * @param certificate the user certificate in {@code KEY-cert.pub}, when there is one
 * @param problem     why the file is not offered (missing, unreadable, UNPROTECTED PRIVATE KEY FILE), if it is not
 */
public record IdentityFile(Path path, Optional<PublicKey> publicKey, boolean encrypted,
                           Optional<PublicKey> certificate, Optional<String> problem) {
    public IdentityFile {
        Components.requireNonNull(IdentityFile.class, path, publicKey, encrypted, certificate, problem);
    }

    static IdentityFile unusable(Path path, String problem) {
        return new IdentityFile(path, Optional.empty(), false, Optional.empty(), Optional.of(problem));
    }

    /** {@code KEY-cert.pub}, where OpenSSH looks for the certificate of {@code KEY}. */
    public static Path certificatePath(Path key) {
        return key.resolveSibling(key.getFileName() + "-cert.pub");
    }
}
