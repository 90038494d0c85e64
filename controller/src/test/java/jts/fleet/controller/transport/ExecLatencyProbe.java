package jts.fleet.controller.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jts.fleet.controller.testing.SshdFixture;

/**
 * Prints exec latency on a reused loopback connection (needs root: it starts {@link SshdFixture}). Run from
 * the controller module's test classpath: {@code java -cp ... jts.fleet.controller.transport.ExecLatencyProbe [n]}.
 */
public final class ExecLatencyProbe {
    private ExecLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        try (SshdFixture sshd = SshdFixture.start(1)) {
            var known = sshd.writeKnownHosts();
            // An account whose login shell is /bin/sh: root's bash here sources ~/.bashrc for every ssh
            // command (Debian's SSH_SOURCE_BASHRC), and its pyenv init costs ~250 ms per exec.
            sshd.addUser(SshdFixture.NO_SUDO_USER, false);
            try (SshTransport ssh = new SshTransport(sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(),
                    known, false),
                    SshOptions.defaults())) {
                long connectStart = System.nanoTime();
                ssh.connect();
                System.out.printf("connect+auth: %.1f ms%n", (System.nanoTime() - connectStart) / 1e6);
                double[] millis = new double[count];
                for (int i = 0; i < count; i++) {
                    long started = System.nanoTime();
                    ssh.exec("true", List.of(), new byte[0], Duration.ofSeconds(10), false);
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
                print("ssh exec 'true' on a reused loopback connection", millis);
            }
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

    private static void print(String what, double[] millis) {
        Arrays.sort(millis);
        int count = millis.length;
        System.out.printf("%s, %d runs: min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, count,
                millis[0], millis[count / 2], millis[(int) (count * 0.9)], millis[count - 1]);
    }
}
