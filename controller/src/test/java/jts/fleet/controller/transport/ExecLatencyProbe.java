package jts.fleet.controller.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jts.fleet.controller.testing.SshdFixture;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Prints exec latency on a reused loopback connection, and what TCP_NODELAY changes (needs root: it starts
 * {@link SshdFixture}). Run from the controller module's test classpath:
 * {@code java -cp ... jts.fleet.controller.transport.ExecLatencyProbe [runs]}.
 */
public final class ExecLatencyProbe {
    private ExecLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        // An account whose login shell is /bin/sh: root's bash here sources ~/.bashrc for every ssh
        // command (Debian's SSH_SOURCE_BASHRC), and its pyenv init costs ~250 ms per exec.
        try (SshdFixture sshd = SshdFixture.builder().noSudoUser().start()) {
            Path known = sshd.writeKnownHosts();
            try (SshTransport ssh = new SshTransport(sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(),
                    known, false), SshOptions.defaults())) {
                long connectStart = System.nanoTime();
                ssh.connect();
                System.out.printf("connect+auth (first, cold JVM): %.1f ms%n",
                        (System.nanoTime() - connectStart) / 1e6);
                double[] millis = new double[count];
                for (int i = 0; i < count; i++) {
                    long started = System.nanoTime();
                    ssh.exec("true", List.of(), new byte[0], Duration.ofSeconds(10), false);
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
                print("SshTransport exec 'true' on a reused loopback connection", millis);
            }
            print("raw sshj exec, TCP_NODELAY off (sshj default)", rawSshj(sshd, known, false, count));
            print("raw sshj exec, TCP_NODELAY on", rawSshj(sshd, known, true, count));
            // The floor under the current machine load: the same wrapped command started locally.
            LocalTransport local = new LocalTransport("local", true);
            double[] localMillis = new double[count];
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                local.exec("true", List.of(), new byte[0], Duration.ofSeconds(10), false);
                localMillis[i] = (System.nanoTime() - started) / 1e6;
            }
            print("local exec 'true' (same timeout/sh wrapping, no ssh)", localMillis);
        }
    }

    /** Plain sshj session exec, to isolate the effect of TCP_NODELAY from our own wrapping. */
    private static double[] rawSshj(SshdFixture sshd, Path known, boolean noDelay, int count) throws Exception {
        double[] millis = new double[count];
        try (SSHClient client = new SSHClient(SshjProcess.config())) {
            if (noDelay) {
                client.setSocketFactory(new NoDelaySocketFactory());
            }
            client.addHostKeyVerifier(new OpenSSHKnownHosts(known.toFile()));
            client.connect("127.0.0.1", sshd.ports().get(0));
            client.authPublickey(SshdFixture.NO_SUDO_USER, client.loadKeys(sshd.ed25519Identity().toString()));
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                try (Session session = client.startSession()) {
                    Session.Command command = session.exec("true");
                    command.getInputStream().readAllBytes();
                    command.join(10, TimeUnit.SECONDS);
                }
                millis[i] = (System.nanoTime() - started) / 1e6;
            }
        }
        return millis;
    }

    private static void print(String what, double[] millis) {
        Arrays.sort(millis);
        int count = millis.length;
        System.out.printf("%s, %d runs: min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, count,
                millis[0], millis[count / 2], millis[(int) (count * 0.9)], millis[count - 1]);
    }
}
