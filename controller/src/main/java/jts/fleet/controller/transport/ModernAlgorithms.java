package jts.fleet.controller.transport;

import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.transport.keys.LazyBouncyCastle;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The algorithms we offer, in order of preference. sshj's defaults start with hmac-sha1 and aes-cbc and
 * still include group1-sha1 and ssh-dss; an explicit allowlist keeps old choices out even when a server
 * offers them. Strict KEX (the Terrapin fix) is negotiated by sshj itself.
 *
 * <p>Every algorithm but one comes from the JDK's own providers ({@link SshjProcess} chooses them for the process):
 * chacha20-poly1305 needs BouncyCastle's (the JDK's ChaCha20 is the IETF variant and it has no Poly1305 MAC), whose
 * provider is added the first time a connection negotiates that cipher ({@link LazyBouncyCastle}). It comes last in
 * our order, after AES-CTR: the server picks the first of our ciphers it also has (RFC 4253 7.1), so a server that
 * offers AES-GCM or AES-CTR is reached with the JDK's providers alone, also on a JVM that cannot use BouncyCastle's
 * (FIPS mode, a JCE that refuses an unsigned provider), and only a server that offers nothing else of ours needs it.
 */
final class ModernAlgorithms {
    static final List<String> KEY_EXCHANGE = List.of(
            "curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
            // Pseudo-algorithm: asks the server for server-sig-algs, needed to sign with rsa-sha2-*.
            "ext-info-c");
    /**
     * The JDK's first: AES-GCM (with AES-NI), then AES-CTR (with an encrypt-then-MAC HMAC); chacha20-poly1305
     * (BouncyCastle's, added when chosen) last, for a server that offers neither.
     */
    static final List<String> CIPHERS = List.of(
            "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
            "aes256-ctr", "aes192-ctr", "aes128-ctr", "chacha20-poly1305@openssh.com");
    static final List<String> MACS = List.of(
            "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512");
    /**
     * Host key and user key algorithms, certificates first as in OpenSSH's default {@code HostKeyAlgorithms}; sshj
     * moves the algorithms known_hosts has keys (or {@code @cert-authority} lines) for to the front. sshj's only RSA
     * certificate algorithm is the SHA-1 {@code ssh-rsa-cert-v01@openssh.com}, which OpenSSH 8.8+ refuses: RSA
     * certificates are left out.
     */
    static final List<String> KEY_ALGORITHMS = List.of(
            "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "rsa-sha2-512", "rsa-sha2-256");

    private ModernAlgorithms() {
    }

    /**
     * A new configuration of these algorithms, whose chacha20-poly1305 runs {@code addBouncyCastle} before it makes a
     * cipher ({@link LazyBouncyCastle#add} for the process's, {@link SshjProcess#config()}). sshj registers
     * BouncyCastle's provider here (DefaultConfig's constructor asks SecurityUtils) unless the process chose otherwise
     * before.
     */
    static DefaultConfig config(Runnable addBouncyCastle) {
        DefaultConfig config = new AllowlistConfig();
        config.setKeyExchangeFactories(select(config.getKeyExchangeFactories(), KEY_EXCHANGE));
        config.setCipherFactories(withBouncyCastle(select(config.getCipherFactories(), CIPHERS), addBouncyCastle));
        config.setMACFactories(select(config.getMACFactories(), MACS));
        config.setKeyAlgorithms(select(config.getKeyAlgorithms(), KEY_ALGORITHMS));
        // Host certificates are checked by KnownHostsVerifier with OpenSSH's rules (type, exact principal, CA
        // trusted for the host by known_hosts); sshj's own check matches principals as patterns and ignores the type.
        config.setVerifyHostKeyCertificates(false);
        return config;
    }

    /**
     * sshj's configuration without its cipher probe: sshj's own constructor creates and initialises every one of its
     * 33 ciphers (Blowfish, Serpent, Twofish ...) to drop those the providers lack, where we keep six by name; a
     * cipher a provider lacks fails the connection that negotiates it, with the provider's message.
     */
    private static final class AllowlistConfig extends DefaultConfig {
        @Override
        protected void initCipherFactories() {
            setCipherFactories(getDefaultCipherFactories());
        }
    }

    /** {@code ciphers} with chacha20-poly1305's factory running {@code addBouncyCastle} before each cipher. */
    private static List<Factory.Named<Cipher>> withBouncyCastle(List<Factory.Named<Cipher>> ciphers,
            Runnable addBouncyCastle) {
        List<Factory.Named<Cipher>> wrapped = new ArrayList<>();
        for (Factory.Named<Cipher> factory : ciphers) {
            boolean needsIt = factory.getName().equals(LazyBouncyCastle.CHACHA20_POLY1305);
            wrapped.add(needsIt ? new NeedsBouncyCastle(factory, addBouncyCastle) : factory);
        }
        return wrapped;
    }

    /** A cipher factory that adds BouncyCastle's provider (once per process) before it makes a cipher. */
    private record NeedsBouncyCastle(Factory.Named<Cipher> cipher, Runnable addBouncyCastle)
            implements Factory.Named<Cipher> {
        @Override
        public String getName() {
            return cipher.getName();
        }

        @Override
        public Cipher create() {
            addBouncyCastle.run();
            return cipher.create();
        }
    }

    /** The factories named in {@code allowed}, in that order; names sshj lacks are left out. */
    static <T> List<Factory.Named<T>> select(List<Factory.Named<T>> available, List<String> allowed) {
        List<Factory.Named<T>> selected = new ArrayList<>();
        for (String name : allowed) {
            for (Factory.Named<T> factory : available) {
                if (factory.getName().equals(name)) {
                    selected.add(factory);
                    break;
                }
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalStateException("sshj offers none of " + allowed);
        }
        return selected;
    }
}
