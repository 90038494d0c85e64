package jts.fleet.controller.transport;

import jts.fleet.controller.transport.keys.LazyBouncyCastle;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * sshj's process-wide set-up, made here and nowhere else, on the way to every connection of the process: which crypto
 * providers sshj uses, chosen once before its first crypto call, and the one configuration every client, key file
 * reader and preload is made from. Every way into sshj starts with {@link #config()}: {@link SshRun} (the CLI's and
 * the shell's connections, the start-up archive's training status), {@link SshPreload} (the preload thread and the
 * training's warm-up) and {@link ConnectionRehearsal}. {@code SshjProcessTest} holds each of them to it.
 *
 * <p>The JDK's providers (SunEC: X25519, Ed25519, ECDSA; SunJCE: AES-GCM with the CPU's AES instructions, HMAC, DH),
 * not BouncyCastle's: sshj registers BouncyCastle's provider on its first crypto call (any {@code SecurityUtils}
 * lookup; {@code DefaultConfig}'s constructor makes one) unless told not to before, and registering it costs ~250 ms
 * of CPU (its constructor maps ~2,000 algorithm names), which a cold {@code status} paid before its first connect
 * could begin. BouncyCastle is added only for what only it has ({@link LazyBouncyCastle}).
 */
public final class SshjProcess {
    /** Made on the first call: building one costs ~5-10 ms, which a 20-host fan-out would otherwise pay 20 times. */
    private static DefaultConfig config;

    private SshjProcess() {
    }

    /**
     * The configuration of every connection of the process, keepalive@openssh.com included; sshj only reads it, each
     * client creates its own transport state from its factories. The first call chooses the JDK's providers.
     */
    public static synchronized DefaultConfig config() {
        if (config == null) {
            // sshj's own switch, its static state: it must be set before DefaultConfig's constructor asks SecurityUtils
            SecurityUtils.setRegisterBouncyCastle(false);
            DefaultConfig made = ModernAlgorithms.config(LazyBouncyCastle::add);
            made.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
            config = made;
        }
        return config;
    }
}
