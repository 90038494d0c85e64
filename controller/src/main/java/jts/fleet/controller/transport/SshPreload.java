package jts.fleet.controller.transport;

/**
 * Loading the SSH machinery (sshj, the JDK's crypto providers) before the first connect, apart from {@link Transports}: a class
 * that names sshj's types makes the JVM load them when it verifies the class, and every run links
 * {@code Transports}, local ones included.
 */
public final class SshPreload {
    private SshPreload() {
    }

    /**
     * Loads and initialises the SSH machinery (sshj, the JDK's crypto providers, the shared configuration) without
     * connecting: for the class-data-sharing training run.
     */
    public static void warmUp() throws java.io.IOException, java.security.GeneralSecurityException {
        var config = SshjProcess.config();
        config.getRandomFactory().create().fill(new byte[16]);
        try (var client = new net.schmizz.sshj.SSHClient(config)) {
            client.getTransport();
        }
        ConnectionRehearsal.run();
        // the access path: a run's shared state, known_hosts matching, identity planning (nothing read or connected)
        try (SshRun run = new SshRun(SshOptions.defaults(), Operator.none())) {
            run.prepare();
            run.openJumpConnections();
        }
        jts.fleet.controller.transport.hostkeys.KnownHosts.parse(java.nio.file.Path.of("known_hosts"), "# warm-up\n");
        new jts.fleet.controller.transport.hostkeys.HostPatterns("*.example.com,!db-01.example.com").matches("x");
    }

    /**
     * Starts loading the SSH machinery on a daemon thread, for a run that may connect: sshj's configuration and the
     * JDK's crypto providers (~50 ms of a cold JVM; BouncyCastle's provider, which cost ~250 ms more, is no longer
     * registered: {@link SshjProcess}) then overlap with loading the inventory on the other core instead of
     * delaying the first connect. Once loaded, a call costs only a thread that returns at once. A run of local
     * hosts (the embedded inventory) never calls it.
     */
    public static void inBackground() {
        Quietly.inBackground("jts-ssh-prepare", () -> {
            try {
                SshjProcess.config();
                net.schmizz.sshj.common.SecurityUtils.getKeyFactory("Ed25519");
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // the first connect will meet the same problem and report it
            }
        });
    }
}
