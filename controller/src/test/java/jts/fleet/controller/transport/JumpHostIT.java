package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.testing.NamespaceChain;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.JumpHost;
import jts.fleet.inventory.SshAccess;
import jts.fleet.remote.testing.Environment;

/**
 * ProxyJump through real sshd jump hosts in network namespaces: hosts in {@code ns1} can be reached from {@code ns0}
 * only, so from here only through the bastion in {@code ns0}; a second bastion in {@code ns1} leads on to
 * {@code ns2}. The bastion's own log counts its connections: every host behind it shares one.
 */
class JumpHostIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private static final String USER = SshdFixture.NO_SUDO_USER;
    private static final int FLEET = 6;

    @TempDir
    static Path dir;
    static NamespaceChain net;
    /** In ns0, reachable from here; MaxSessions 2, below the number of hosts behind it. */
    static SshdFixture bastion;
    /** In ns0 too, but refusing to forward. */
    static SshdFixture noForwarding;
    /** The fleet in ns1: reachable from ns0 only. */
    static SshdFixture fleet;
    /** A second bastion in ns1, leading to ns2. */
    static SshdFixture inner;
    /** A host in ns2: reachable from ns1 only. */
    static SshdFixture far;
    static Path knownHosts;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        SshdFixture.require();
        Environment.requireTool("ip");
        net = NamespaceChain.create(3);
        bastion = SshdFixture.builder().inNamespace(net.name(0), net.address(0), List.of(22)).maxSessions(2)
                .noSudoUser().start();
        noForwarding = SshdFixture.builder().inNamespace(net.name(0), net.address(0), List.of(2022))
                .config("AllowTcpForwarding no").noSudoUser().start();
        fleet = SshdFixture.builder().inNamespace(net.name(1), net.address(1),
                IntStream.rangeClosed(2201, 2200 + FLEET).boxed().toList()).noSudoUser().start();
        inner = SshdFixture.builder().inNamespace(net.name(1), net.address(1), List.of(22)).noSudoUser().start();
        far = SshdFixture.builder().inNamespace(net.name(2), net.address(2), List.of(22)).noSudoUser().start();
        List<String> lines = new ArrayList<>();
        for (SshdFixture sshd : List.of(bastion, noForwarding, fleet, inner, far)) {
            sshd.ports().forEach(port -> lines.add(sshd.knownHostsLine(port)));
        }
        knownHosts = Files.writeString(dir.resolve("known_hosts"), String.join("\n", lines) + "\n");
    }

    @AfterAll
    static void stop() {
        for (SshdFixture sshd : new SshdFixture[] {bastion, noForwarding, fleet, inner, far}) {
            if (sshd != null) {
                sshd.close();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    private static JumpHost hop(String name, SshdFixture sshd, int port) {
        return new JumpHost(name, sshd.address(), port, USER, List.of(sshd.ed25519Identity()));
    }

    private static HostSpec behind(SshdFixture sshd, int index, String name, Path known, JumpHost... hops) {
        HostSpec base = sshd.host(index, USER, sshd.ed25519Identity(), known, false);
        return new HostSpec(name, base.connection(), base.address(), base.port(), base.user(), base.identityFile(),
                base.knownHosts(), base.become(), base.groups(), base.sysroot(), base.policy(),
                new SshAccess(List.of(), Optional.of("none"), false, List.of(), List.of(hops), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of()));
    }

    private static SshRun run(List<String> notices, SshOptions options) {
        return new SshRun(options, new Operator(notices::add, PassphrasePrompt.NONE));
    }

    private static SshOptions options() {
        return SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3));
    }

    private static int accepted(SshdFixture sshd) {
        return sshd.logLines("Accepted publickey for " + USER).size();
    }

    /** Logins on {@code sshd} since {@code before}, once there are {@code expected} (sshd logs them late). */
    private static int acceptedSince(SshdFixture sshd, int before, int expected) throws InterruptedException {
        return sshd.awaitLogLines("Accepted publickey for " + USER, before + expected).size() - before;
    }

    private static String hostname(Transport transport) throws Exception {
        return transport.exec("cat /proc/sys/kernel/hostname; ip -o -4 addr show scope global | awk '{print $4}'",
                List.of(), new byte[0], COMMAND, false).stdoutText();
    }

    @Test
    void theFleetIsUnreachableWithoutTheJumpAndReachableThroughIt() throws Exception {
        HostSpec direct = behind(fleet, 0, "h01", knownHosts);
        try (Socket socket = new Socket()) {
            IOException refused = catchThrowableOfType(IOException.class,
                    () -> socket.connect(new InetSocketAddress(fleet.address(), fleet.ports().get(0)), 2000));
            assertThat(refused).as("a TCP connection from here to the fleet in ns1").isNotNull();
        }
        try (SshTransport ssh = new SshTransport(direct, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.UNREACHABLE);
        }
        HostSpec jumped = behind(fleet, 0, "h01", knownHosts, hop("bastion", bastion, 22));
        try (SshTransport ssh = new SshTransport(jumped, options())) {
            // the command runs on the fleet host: its only address is ns1's
            assertThat(hostname(ssh)).contains(fleet.address() + "/30");
        }
    }

    @Test
    void everyHostBehindTheBastionSharesOneConnectionToIt() throws Exception {
        List<HostSpec> hosts = IntStream.range(0, FLEET)
                .mapToObj(i -> behind(fleet, i, SshdFixture.hostName(i), knownHosts, hop("bastion", bastion, 22)))
                .toList();
        int before = accepted(bastion);
        int fleetBefore = accepted(fleet);
        List<Transport> transports = new CopyOnWriteArrayList<>();
        try (SshRun run = run(new CopyOnWriteArrayList<>(), options())) {
            FleetRunner runner = new FleetRunner(h -> {
                SshTransport ssh = new SshTransport(h, run);
                transports.add(ssh);
                return ssh;
            }, FLEET, Duration.ofMinutes(1));
            List<HostResult<String>> results = runner.run(hosts, (transport, h) -> HostOutcome.ok(
                    transport.exec("sleep 0.5; echo $1", List.of(h.name()), new byte[0], COMMAND, false).stdoutText()),
                    r -> { });
            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(HostResult.Ok.class));
            assertThat(run.openJumpConnections()).isEqualTo(1);
        } finally {
            transports.forEach(Transport::close);
        }
        assertThat(acceptedSince(fleet, fleetBefore, FLEET)).as("logins on the fleet").isEqualTo(FLEET);
        assertThat(acceptedSince(bastion, before, 1)).as("logins on the bastion (MaxSessions 2) for %d hosts", FLEET)
                .isEqualTo(1);
    }

    @Test
    void aTwoHopChainReachesTheFarNamespace() throws Exception {
        HostSpec host = behind(far, 0, "far-01", knownHosts, hop("bastion", bastion, 22), hop("inner", inner, 22));
        int outer = accepted(bastion);
        int middle = accepted(inner);
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertThat(hostname(ssh)).contains(far.address() + "/30");
        }
        assertThat(acceptedSince(bastion, outer, 1)).isEqualTo(1);
        assertThat(acceptedSince(inner, middle, 1)).isEqualTo(1);
    }

    @Test
    void aHopThatRefusesTheLoginIsNamed() throws Exception {
        JumpHost wrongKey = new JumpHost("bastion", bastion.address(), 22, USER, List.of(fleet.ed25519Identity()));
        TransportException refused = failure(behind(fleet, 0, "h01", knownHosts, wrongKey));
        assertThat(refused).isInstanceOfSatisfying(JumpHostException.class, e -> assertThat(e.jumpHost())
                .isEqualTo("jump host bastion (" + USER + "@" + bastion.address() + ":22)"));
        assertThat(refused.failureClass()).isEqualTo(FailureClass.AUTH);
        assertThat(refused.getMessage()).startsWith("h01: jump host bastion (" + USER + "@" + bastion.address()
                + ":22): tried " + fleet.ed25519Identity() + "; all refused for user " + USER);
    }

    @Test
    void anUnreachableHopIsNamed() throws Exception {
        JumpHost closed = new JumpHost("bastion", bastion.address(), 2999, USER, List.of(bastion.ed25519Identity()));
        TransportException refused = failure(behind(fleet, 0, "h01", knownHosts, closed));
        assertThat(refused.failureClass()).isEqualTo(FailureClass.UNREACHABLE);
        assertThat(refused.getMessage()).startsWith("h01: jump host bastion (" + USER + "@" + bastion.address()
                + ":2999): cannot connect to " + bastion.address() + ":2999");
    }

    @Test
    void aHopThatMayNotForwardIsNamed() throws Exception {
        TransportException refused = failure(behind(fleet, 0, "h01", knownHosts,
                hop("locked", noForwarding, noForwarding.ports().get(0))));
        assertThat(refused.failureClass()).isEqualTo(FailureClass.UNREACHABLE);
        assertThat(refused.getMessage()).startsWith("h01: jump host locked (" + USER + "@" + noForwarding.address()
                + ":2022): cannot open a channel to " + fleet.address() + ":" + fleet.ports().get(0)
                + ": refused by the jump host");
    }

    @Test
    void theSecondHopOfAChainIsNamedWhenItFails() throws Exception {
        JumpHost wrongKey = new JumpHost("inner", inner.address(), 22, USER, List.of(bastion.ed25519Identity()));
        TransportException refused = failure(behind(far, 0, "far-01", knownHosts, hop("bastion", bastion, 22),
                wrongKey));
        assertThat(refused).isInstanceOfSatisfying(JumpHostException.class,
                e -> assertThat(e.jumpHost()).startsWith("jump host inner ("));
        assertThat(refused.getMessage()).startsWith("far-01: jump host inner (");
    }

    @Test
    void aHopWithAnUnknownKeyIsNamedAndAcceptNewRecordsHopAndHost() throws Exception {
        Path empty = Files.createFile(temp.resolve("known_hosts"));
        HostSpec host = behind(fleet, 0, "h01", empty, hop("bastion", bastion, 22));
        TransportException refused = failure(host);
        assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
        assertThat(refused.getMessage()).startsWith("h01: jump host bastion (" + USER + "@" + bastion.address()
                + ":22): host key unknown (ssh-ed25519 " + bastion.hostKeyFingerprint() + ") for "
                + bastion.address());
        List<String> notices = new CopyOnWriteArrayList<>();
        try (SshRun run = run(notices, options().withAcceptNewHostKeys(true));
                SshTransport ssh = new SshTransport(host, run)) {
            assertThat(hostname(ssh)).contains(fleet.address());
        }
        assertThat(notices).containsExactly(
                "jump host bastion (" + USER + "@" + bastion.address() + ":22): recorded new host key ssh-ed25519 "
                        + bastion.hostKeyFingerprint() + " for " + bastion.address() + " in " + empty,
                "h01: recorded new host key ssh-ed25519 " + fleet.hostKeyFingerprint() + " for "
                        + fleet.lookupName(fleet.ports().get(0)) + " in " + empty);
        assertThat(Files.readAllLines(empty)).containsExactly(bastion.knownHostsLine(22),
                fleet.knownHostsLine(fleet.ports().get(0)));
    }

    @Test
    void aBastionConnectionThatDiedIsReplaced() throws Exception {
        HostSpec host = behind(fleet, 1, "h02", knownHosts, hop("bastion", bastion, 22));
        try (SshRun run = run(new CopyOnWriteArrayList<>(), options());
                SshTransport ssh = new SshTransport(host, run)) {
            assertThat(hostname(ssh)).contains(fleet.address());
            int before = accepted(bastion);
            bastion.killSessions();
            awaitDisconnected(ssh, Duration.ofSeconds(10));
            assertThat(hostname(ssh)).contains(fleet.address());
            assertThat(ssh.reconnectCount()).isEqualTo(1);
            assertThat(acceptedSince(bastion, before, 1)).isEqualTo(1);
            assertThat(run.openJumpConnections()).isEqualTo(1);
        }
    }

    /** The keepalive interval of the test that stops the bastion (sshj counts it in whole seconds). */
    private static final Duration KEEPALIVE = Duration.ofSeconds(1);

    @Test
    void keepaliveDetectsABastionThatStoppedAnswering() throws Exception {
        HostSpec host = behind(fleet, 2, "h03", knownHosts, hop("bastion", bastion, 22));
        try (SshRun run = run(new CopyOnWriteArrayList<>(), options().withKeepAliveInterval(KEEPALIVE));
                SshTransport ssh = new SshTransport(host, run)) {
            assertThat(hostname(ssh)).contains(fleet.address());
            bastion.signalSessions("STOP");
            try {
                long started = System.nanoTime();
                // KEEPALIVE_MAX_MISSES (3) unanswered keepalives at 1 s intervals: given up after about 4 s. The waits
                // allow 40 s (10x, as SshTransportIT's), the detection itself must stay within 5x of what the
                // configuration implies, so a change that stretches it fails. The bastion's own connection misses its
                // keepalives too; which of the two gives up first is a race
                Duration implied = KEEPALIVE.multipliedBy(SshOptions.KEEPALIVE_MAX_MISSES + 1);
                Duration allowed = implied.multipliedBy(10);
                awaitDisconnected(ssh, allowed);
                awaitNoJumpConnections(run, allowed.minus(Duration.ofNanos(System.nanoTime() - started)));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("dead bastion detected")
                        .isLessThan(implied.multipliedBy(5));
            } finally {
                bastion.killSessions();
            }
            assertThat(hostname(ssh)).contains(fleet.address());
        }
    }

    private static void awaitDisconnected(SshTransport ssh, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ssh.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ssh.isConnected()).as("connection through a dead bastion still looks alive").isFalse();
    }

    private static void awaitNoJumpConnections(SshRun run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (run.openJumpConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(run.openJumpConnections()).as("jump connections to a bastion that stopped answering").isZero();
    }

    private static TransportException failure(HostSpec host) {
        try (SshTransport ssh = new SshTransport(host, options())) {
            return catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
        }
    }
}
