package jts.fleet.controller.transport.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * An identity file as sshj's public key method sees it: the public key (or certificate) to offer, and the private key
 * from the run's {@link KeyRing} when the signed request is made: at once for a key at hand, and for an encrypted one
 * only after the server accepted the offer ({@link ProbePublickey}), so a passphrase is asked only for a key the
 * server would take, as in OpenSSH.
 */
final class FileKey implements KeyProvider {
    private final KeyRing keys;
    private final Path file;
    private final PublicKey offered;

    FileKey(KeyRing keys, Path file, PublicKey offered) {
        this.keys = keys;
        this.file = file;
        this.offered = offered;
    }

    @Override
    public PrivateKey getPrivate() throws IOException {
        return keys.keyPair(file).orElseThrow(() -> new UnavailableKey(keys.failure(file))).getPrivate();
    }

    @Override
    public PublicKey getPublic() {
        return offered;
    }

    @Override
    public KeyType getType() {
        return KeyType.fromKey(offered);
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** Why the private key is not available; the message goes into the authentication error as it is. */
    static final class UnavailableKey extends IOException {
        private static final long serialVersionUID = 1L;

        UnavailableKey(String message) {
            super(message);
        }
    }
}
