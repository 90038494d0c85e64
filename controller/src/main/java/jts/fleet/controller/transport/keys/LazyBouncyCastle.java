package jts.fleet.controller.transport.keys;

import java.security.Security;

/**
 * BouncyCastle's provider, added after the JDK's (they still serve every algorithm both have) only where something
 * needs what only it has: chacha20-poly1305, for a connection that negotiates it ({@code ModernAlgorithms}) or an
 * identity file encrypted with it ({@code ssh-keygen -Z chacha20-poly1305@openssh.com}). Registering it costs ~250 ms
 * of CPU, which a cold run must not pay otherwise. A process adds it once, whatever the number of callers at once.
 * In a class of its own: verifying a class that passes a BouncyCastleProvider as a Provider loads BouncyCastleProvider.
 */
public final class LazyBouncyCastle {
    /** The one cipher we use (for connections and for key files) that only BouncyCastle's provider has. */
    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";

    private LazyBouncyCastle() {
    }

    public static synchronized void add() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
    }
}
