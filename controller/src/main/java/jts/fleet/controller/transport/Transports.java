package jts.fleet.controller.transport;

import jts.fleet.inventory.HostSpec;

/** Picks the transport a host's {@code connection} asks for. Nothing connects until the first exec. */
public final class Transports {
    private Transports() {
    }

    /**
     * Loads and initialises the SSH machinery (sshj, BouncyCastle, the shared configuration) without
     * connecting: for the class-data-sharing training run.
     */
    public static void warmUp() throws java.io.IOException, java.security.GeneralSecurityException {
        var config = ModernAlgorithms.shared();
        config.getRandomFactory().create().fill(new byte[16]);
        try (var client = new net.schmizz.sshj.SSHClient(config)) {
            client.getTransport();
        }
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    public static Transport open(HostSpec host, SshOptions options) {
        return switch (host.connection()) {
            case SSH -> new SshTransport(host, options);
            case LOCAL -> new LocalTransport(host, options.outputLimits());
        };
    }
}
