package jts.fleet.controller.transport.auth;

import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.KeyedAuthMethod;

/**
 * Public key authentication in one round trip: the signed request goes out at once, as RFC 4252 7 allows, where
 * sshj's {@code AuthPublickey} (and OpenSSH) first ask whether the server would take the key and sign only after its
 * "PK_OK", a round trip more on every connection (40 ms to a host 40 ms away). The signature is made on the caller's
 * thread when the request is built.
 *
 * <p>Only for keys whose private half is at hand without asking anyone: identity files that are not encrypted or were
 * decrypted earlier in this run (an encrypted one is probed first, {@link ProbePublickey}, so that the passphrase is
 * asked only for a key the server takes). Agent keys keep the question first: an agent may ask its user to confirm
 * or touch the key for every signature, which must not happen for a key the server then refuses. A refused signed
 * request is a plain "failure" answer, like a refused question, and counts the same against the server's
 * MaxAuthTries.
 */
final class SignedPublickey extends KeyedAuthMethod {
    SignedPublickey(KeyProvider key) {
        super("publickey", key);
    }

    /** The request with its "has signature" flag set, signed over the session identifier and the request. */
    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return putSig(putPubKey(super.buildReq().putBoolean(true)));
    }
}
