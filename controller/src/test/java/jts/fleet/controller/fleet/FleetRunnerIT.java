package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.FreePort;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.InventoryLoader;

/** The fan-out engine over real sshd hosts loaded from an inventory file written by {@link SshdFixture}. */
class FleetRunnerIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    @Sshd(hosts = 3, sudoUser = true)
    static SshdFixture sshd;
    private static Path knownHosts;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSshd() throws Exception {
        knownHosts = sshd.writeKnownHosts();
    }

    private List<HostSpec> inventoryWithOneHostDown() throws Exception {
        List<SshdFixture.InventoryHost> hosts = new ArrayList<>(sshd.inventoryHosts(SshdFixture.SUDO_USER, true));
        hosts.add(1, new SshdFixture.InventoryHost("down-01", FreePort.unused(), SshdFixture.SUDO_USER,
                sshd.ed25519Identity(), true, Optional.empty(), List.of("it")));
        Path file = sshd.writeInventory(temp.resolve("inventory.yaml"), hosts, knownHosts);
        Inventory inventory = InventoryLoader.standard().loadFile(file);
        return inventory.select("it");
    }

    @Test
    void unreachableHostIsReportedQuicklyWhileTheOthersSucceed() throws Exception {
        List<HostSpec> hosts = inventoryWithOneHostDown();
        assertThat(hosts).extracting(HostSpec::name).containsExactly("h01", "down-01", "h02", "h03");
        List<String> streamed = Collections.synchronizedList(new ArrayList<>());
        SshOptions options = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3));
        long started = System.nanoTime();
        try (ConnectionPool pool = new ConnectionPool(options)) {
            FleetRunner runner = new FleetRunner(pool, FleetRunner.DEFAULT_FORKS, Duration.ofSeconds(60));
            List<HostResult<String>> results = runner.run(hosts, (transport, host) -> {
                String uid = transport.exec("id -u", List.of(), new byte[0], COMMAND, true).stdoutText().strip();
                return HostOutcome.ok(uid);
            }, result -> streamed.add(result.host() + "=" + result.status()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(results).extracting(HostResult::status).containsExactly("ok", "unreachable", "ok", "ok");
            assertThat(results.get(0)).isEqualTo(new HostResult.Ok<>("h01", "0", false));
            HostResult.Unreachable<String> down = (HostResult.Unreachable<String>) results.get(1);
            assertThat(down.message()).startsWith("down-01: cannot connect to 127.0.0.1:");
            assertThat(streamed).containsExactlyInAnyOrder("h01=ok", "down-01=unreachable", "h02=ok", "h03=ok");
            assertThat(elapsed).isLessThan(Duration.ofSeconds(15));
            Recap recap = Recap.of(results);
            assertThat(recap.exitCode()).isEqualTo(ExitCodes.HOST_UNREACHABLE);

            // A second step of the same command reuses the connections opened by the first.
            SshTransport h01 = (SshTransport) pool.get(hosts.get(0));
            List<HostResult<String>> again = runner.run(List.of(hosts.get(0), hosts.get(2)),
                    (transport, host) -> HostOutcome.ok(transport.exec("echo $1", List.of(host.name()), new byte[0],
                            COMMAND, false).stdoutText().strip()), r -> { });
            assertThat(again).extracting(HostResult::status).containsExactly("ok", "ok");
            assertThat(pool.get(hosts.get(0))).isSameAs(h01);
            assertThat(h01.isConnected()).isTrue();
            assertThat(h01.reconnectCount()).isZero();
        }
    }

    @Test
    void acceptNewRecordsEveryHostOfAConcurrentRunInOneFile() throws Exception {
        Path shared = temp.resolve("shared_known_hosts");
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 0; i < sshd.ports().size(); i++) {
            hosts.add(sshd.host(i, SshdFixture.SUDO_USER, sshd.ed25519Identity(), shared, false));
        }
        SshOptions acceptNew = SshOptions.defaults().withAcceptNewHostKeys(true);
        try (ConnectionPool pool = new ConnectionPool(acceptNew)) {
            List<HostResult<Integer>> results = new FleetRunner(pool, 8, Duration.ofSeconds(60)).run(hosts,
                    (transport, host) -> HostOutcome.ok(transport.exec("true", List.of(), new byte[0], COMMAND, false)
                            .exitCode()), r -> { });
            assertThat(results).extracting(HostResult::status).containsOnly("ok");
        }
        List<String> lines = Files.readAllLines(shared);
        assertThat(lines).containsExactlyInAnyOrderElementsOf(
                sshd.ports().stream().map(sshd::knownHostsLine).toList());
        try (ConnectionPool strict = new ConnectionPool(SshOptions.defaults())) {
            List<HostResult<Integer>> results = new FleetRunner(strict, 8, Duration.ofSeconds(60)).run(hosts,
                    (transport, host) -> HostOutcome.ok(transport.exec("true", List.of(), new byte[0], COMMAND, false)
                            .exitCode()), r -> { });
            assertThat(results).extracting(HostResult::status).containsOnly("ok");
        }
    }

    @Test
    void serialRunStopsAfterTheFailingBatchAndListsUntouchedHosts() throws Exception {
        List<HostSpec> hosts = inventoryWithOneHostDown();
        SshOptions options = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3));
        try (ConnectionPool pool = new ConnectionPool(options)) {
            FleetRunner runner = new FleetRunner(pool, 8, Duration.ofSeconds(60));
            SerialRun<String> run = runner.runSerial(hosts, "2", 0, (transport, host) -> HostOutcome.ok(
                    transport.exec("hostname", List.of(), new byte[0], COMMAND, false).stdoutText()), r -> { });
            assertThat(run.results()).extracting(HostResult::host).containsExactly("h01", "down-01");
            assertThat(run.results().get(1)).isInstanceOf(HostResult.Unreachable.class);
            assertThat(run.untouched()).extracting(HostSpec::name).containsExactly("h02", "h03");
            assertThat(run.stopReason()).contains("stopped after batch 1: 1 of 2 hosts failed (50% > max-fail 0%)");
            // The untouched hosts were never connected.
            assertThat(pool.hostNames()).containsExactlyInAnyOrder("h01", "down-01");
        }
    }

    @Test
    void runDeadlineStopsTheCommandOnTheHostToo() throws Exception {
        HostSpec host = inventoryWithOneHostDown().get(0);
        String marker = "jts-it-" + UUID.randomUUID();
        try (ConnectionPool pool = new ConnectionPool(SshOptions.defaults())) {
            pool.get(host).exec("true", List.of(), new byte[0], COMMAND, false);
            FleetRunner runner = new FleetRunner(pool, 4, Duration.ofSeconds(2));
            List<HostResult<String>> results = runner.run(List.of(host), (transport, h) -> HostOutcome.ok(
                    transport.exec("sh -c 'sleep 120; :' \"$1\" & sleep 120", List.of(marker), new byte[0],
                            Duration.ofSeconds(60), false).stdoutText()), r -> { });
            assertThat(results.get(0)).isEqualTo(new HostResult.Failed<>("h01", FailureClass.TIMEOUT,
                    "h01: run deadline of 2 s passed while the host was still running"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status;
            do {
                Thread.sleep(200);
                status = new ProcessBuilder("pgrep", "-f", marker).start().waitFor();
            } while (status == 0 && System.nanoTime() < deadline);
            assertThat(status).as("processes with %s still running on the host", marker).isEqualTo(1);
        }
    }

    @Test
    void commandTimeoutOnOneHostIsATimeoutFailureForThatHostOnly() throws Exception {
        List<HostSpec> hosts = inventoryWithOneHostDown().stream().filter(h -> !h.name().startsWith("down")).toList();
        try (ConnectionPool pool = new ConnectionPool(SshOptions.defaults())) {
            FleetRunner runner = new FleetRunner(pool, 4, Duration.ofSeconds(60));
            List<HostResult<String>> results = runner.run(hosts, (transport, host) -> {
                String script = host.name().equals("h02") ? "sleep 30" : "echo fast";
                return HostOutcome.ok(transport.exec(script, List.of(), new byte[0], Duration.ofSeconds(1), false)
                        .stdoutText().strip());
            }, r -> { });
            assertThat(results.get(0)).isEqualTo(new HostResult.Ok<>("h01", "fast", false));
            assertThat(results.get(1)).isInstanceOfSatisfying(HostResult.Failed.class, failed -> {
                assertThat(failed.failure()).isEqualTo(FailureClass.TIMEOUT);
                assertThat(failed.message()).startsWith("h02: command timed out after 1 s");
            });
            assertThat(results.get(2)).isEqualTo(new HostResult.Ok<>("h03", "fast", false));
        }
    }
}
