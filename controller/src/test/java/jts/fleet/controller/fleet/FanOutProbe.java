package jts.fleet.controller.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.inventory.HostSpec;

/**
 * Prints the wall time of one trivial step on N loopback hosts: cold (connect, authenticate, exec) and warm
 * (the same pool again). Needs root ({@link SshdFixture}). Run from the controller test classpath:
 * {@code java -cp ... jts.fleet.controller.fleet.FanOutProbe [hosts] [forks]}.
 */
public final class FanOutProbe {
    private FanOutProbe() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int forks = args.length > 1 ? Integer.parseInt(args[1]) : FleetRunner.DEFAULT_FORKS;
        try (SshdFixture sshd = SshdFixture.builder().hosts(count).noSudoUser().start()) {
            Path known = sshd.writeKnownHosts();
            List<HostSpec> hosts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                hosts.add(sshd.host(i, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), known, false));
            }
            HostTask<Integer> step = (transport, host) -> HostOutcome.ok(
                    transport.exec("cat /proc/loadavg >/dev/null", List.of(), new byte[0], Duration.ofSeconds(30),
                            false).exitCode());
            try (ConnectionPool pool = new ConnectionPool(SshOptions.defaults())) {
                FleetRunner runner = new FleetRunner(pool, forks, Duration.ofMinutes(2));
                for (String phase : List.of("cold (connect+auth+exec)", "warm (reused connections)", "warm again")) {
                    long started = System.nanoTime();
                    List<HostResult<Integer>> results = runner.run(hosts, step, r -> { });
                    double millis = (System.nanoTime() - started) / 1e6;
                    long ok = results.stream().filter(r -> r instanceof HostResult.Ok<Integer>).count();
                    System.out.printf("%d hosts, forks %d, %s: %.0f ms, %d ok%n", count, forks, phase, millis, ok);
                }
            }
        }
    }
}
