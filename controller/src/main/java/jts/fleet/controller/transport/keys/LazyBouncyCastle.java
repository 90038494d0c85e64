package jts.fleet.controller.transport.keys;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;

import net.schmizz.sshj.common.SecurityUtils;

/**
 * BouncyCastle's provider, added after the JDK's (they still serve every algorithm both have) only where something
 * needs what only it has: chacha20-poly1305, for a connection that negotiates it ({@code ModernAlgorithms}, which
 * offers it last, so only for a server that offers no AES cipher of ours) or an identity file encrypted with it
 * ({@code ssh-keygen -Z chacha20-poly1305@openssh.com}). Registering it costs ~250 ms of CPU, which a cold run must not
 * pay otherwise. A process adds it once, whatever the number of callers at once. A JVM that refuses it (FIPS mode, a
 * provider list that cannot be changed, a JCE that will not serve an unsigned provider's ciphers) gets an error that
 * says so instead of a bare "no provider supports CHACHA".
 * In a class of its own: verifying a class that passes a BouncyCastleProvider as a Provider loads BouncyCastleProvider.
 */
public final class LazyBouncyCastle {
    /** The one cipher we use (for connections and for key files) that only BouncyCastle's provider has. */
    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";
    /** The transformation sshj's chacha20-poly1305 asks the JCE for (BouncyCastle's original ChaCha20). */
    private static final String SSHJ_CHACHA20 = "CHACHA";

    private LazyBouncyCastle() {
    }

    /**
     * Adds BouncyCastle's provider unless the process has it, and checks that its ChaCha20 is served where sshj looks
     * it up.
     *
     * @throws IllegalStateException when this JVM cannot make or add the provider, or its lookups do not serve the
     *                               provider's ChaCha20 (a JCE that refuses an unsigned provider skips it there),
     *                               naming the cipher that needed it and why
     */
    public static void add() {
        add(org.bouncycastle.jce.provider.BouncyCastleProvider::new);
    }

    /** {@link #add()} with {@code provider} making BouncyCastle's provider (tests: one a FIPS JVM refuses). */
    static synchronized void add(Supplier<? extends Provider> provider) {
        if (Security.getProvider("BC") == null) {
            try {
                Security.addProvider(provider.get());
            } catch (RuntimeException | LinkageError e) {
                throw refused(e);
            }
        }
        try {
            // the lookup sshj's chacha20-poly1305 makes, for connections and key files alike
            SecurityUtils.getCipher(SSHJ_CHACHA20);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw refused(e);
        }
    }

    private static IllegalStateException refused(Throwable e) {
        return new IllegalStateException(CHACHA20_POLY1305 + " needs BouncyCastle's security provider, which this"
                + " JVM refused (FIPS mode or a restricted provider list?): " + e, e);
    }
}
