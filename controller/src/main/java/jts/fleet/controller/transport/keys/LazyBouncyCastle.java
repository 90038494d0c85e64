package jts.fleet.controller.transport.keys;

import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;

/**
 * BouncyCastle's provider, added after the JDK's (they still serve every algorithm both have) only where something
 * needs what only it has: chacha20-poly1305, for a connection that negotiates it ({@code ModernAlgorithms}, which
 * offers it last, so only for a server that offers no AES cipher of ours) or an identity file encrypted with it
 * ({@code ssh-keygen -Z chacha20-poly1305@openssh.com}). Registering it costs ~250 ms of CPU, which a cold run must not
 * pay otherwise. A process adds it once, whatever the number of callers at once. A JVM that refuses it (FIPS mode, a
 * provider list that cannot be changed) gets an error that says so instead of the provider's bare exception.
 * In a class of its own: verifying a class that passes a BouncyCastleProvider as a Provider loads BouncyCastleProvider.
 */
public final class LazyBouncyCastle {
    /** The one cipher we use (for connections and for key files) that only BouncyCastle's provider has. */
    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";

    private LazyBouncyCastle() {
    }

    /**
     * Adds BouncyCastle's provider unless the process has it.
     *
     * @throws IllegalStateException when this JVM cannot make or add it, naming the cipher that needed it and why
     */
    public static void add() {
        add(org.bouncycastle.jce.provider.BouncyCastleProvider::new);
    }

    /** {@link #add()} with {@code provider} making BouncyCastle's provider (tests: one that fails as a FIPS JVM does). */
    static synchronized void add(Supplier<? extends Provider> provider) {
        if (Security.getProvider("BC") != null) {
            return;
        }
        try {
            Security.addProvider(provider.get());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(CHACHA20_POLY1305 + " needs BouncyCastle's security provider, which this"
                    + " JVM refused (FIPS mode or a restricted provider list?): " + e, e);
        }
    }
}
