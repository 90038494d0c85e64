package jts.fleet.controller.transport;

import java.util.ArrayList;
import java.util.List;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;

/**
 * The algorithms we offer, in order of preference. sshj's defaults start with hmac-sha1 and aes-cbc and
 * still include group1-sha1 and ssh-dss; an explicit allowlist keeps old choices out even when a server
 * offers them. Strict KEX (the Terrapin fix) is negotiated by sshj itself.
 */
final class ModernAlgorithms {
    static final List<String> KEY_EXCHANGE = List.of(
            "curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
            // Pseudo-algorithm: asks the server for server-sig-algs, needed to sign with rsa-sha2-*.
            "ext-info-c");
    static final List<String> CIPHERS = List.of(
            "chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
            "aes256-ctr", "aes192-ctr", "aes128-ctr");
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
     * One configuration for every connection of the process: building one costs ~5-10 ms (and the first
     * ~250 ms, registering BouncyCastle), which a 20-host fan-out would otherwise pay 20 times. sshj only
     * reads it; each client creates its own transport state from the factories.
     */
    private static final class Shared {
        static final DefaultConfig CONFIG = withKeepAlive(config());

        private static DefaultConfig withKeepAlive(DefaultConfig config) {
            config.setKeepAliveProvider(net.schmizz.keepalive.KeepAliveProvider.KEEP_ALIVE);
            return config;
        }
    }

    /** The shared configuration, keepalive@openssh.com included. */
    static DefaultConfig shared() {
        return Shared.CONFIG;
    }

    static DefaultConfig config() {
        DefaultConfig config = new DefaultConfig();
        config.setKeyExchangeFactories(select(config.getKeyExchangeFactories(), KEY_EXCHANGE));
        config.setCipherFactories(select(config.getCipherFactories(), CIPHERS));
        config.setMACFactories(select(config.getMACFactories(), MACS));
        config.setKeyAlgorithms(select(config.getKeyAlgorithms(), KEY_ALGORITHMS));
        // Host certificates are checked by KnownHostsVerifier with OpenSSH's rules (type, exact principal, CA
        // trusted for the host by known_hosts); sshj's own check matches principals as patterns and ignores the type.
        config.setVerifyHostKeyCertificates(false);
        return config;
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
