package jts.fleet.controller.transport.auth;

import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Asks the server whether it would accept a public key, without signing: the server answers "PK_OK" or refuses
 * (RFC 4252 7). Used before decrypting an encrypted key file, so the passphrase is asked only for a key the
 * server takes (as OpenSSH does), and asked on the caller's thread: sshj signs on its reader thread, under the
 * authentication timeout, where an operator typing a passphrase would block the connection and run out of time.
 * "PK_OK" ends the attempt with {@link Acceptable}; the real attempt follows with the decrypted key, signed at once
 * ({@link SignedPublickey}).
 */
final class ProbePublickey extends AuthPublickey {
    ProbePublickey(KeyProvider key) {
        super(key);
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd == Message.USERAUTH_60) {
            throw new Acceptable();
        }
        super.handle(cmd, buf);
    }

    /** The server would accept the key. */
    static final class Acceptable extends UserAuthException {
        private static final long serialVersionUID = 1L;

        Acceptable() {
            super("the server accepts this key");
        }
    }
}
