package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.testing.FreePort;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;

/** SshTransport against a real OpenSSH sshd on 127.0.0.1 (see {@link SshdFixture}). */
class SshTransportIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    @Sshd(hosts = 2, sudoUser = true, noSudoUser = true)
    static SshdFixture sshd;
    private static Path knownHosts;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSshd() throws Exception {
        Environment.requireTool("sudo");
        knownHosts = sshd.writeKnownHosts();
    }

    private static SshOptions options() {
        return SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5));
    }

    private static HostSpec root(int index) {
        return sshd.host(index, "root", sshd.ed25519Identity(), knownHosts, false);
    }

    /**
     * A login whose shell is /bin/sh. Most tests use it: root's bash on a developer machine may source a
     * slow ~/.bashrc for every ssh command (Debian's SSH_SOURCE_BASHRC), which says nothing about us.
     */
    private static HostSpec plain(int index) {
        return sshd.host(index, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
    }

    @Test
    void execReturnsStdoutStderrAndExitCode() throws Exception {
        try (SshTransport ssh = new SshTransport(root(0), options())) {
            ExecResult result = ssh.exec("echo out; echo err >&2; exit 3", List.of(), new byte[0], COMMAND, false);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdoutText()).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err\n");
            assertThat(ssh.lastLatency()).isPositive();
        }
    }

    @Test
    void argumentsArriveVerbatimAndStdinIsPassed() throws Exception {
        List<String> args = List.of("plain", "with space", "it's", "$(touch /tmp/jts-pwned)", "`id`", "*", "",
                "semi;colon", "new\nline");
        try (SshTransport ssh = new SshTransport(plain(0), options())) {
            ExecResult printed = ssh.exec("for a in \"$@\"; do printf '[%s]' \"$a\"; done; printf '|%s' \"$0\"",
                    args, new byte[0], COMMAND, false);
            StringBuilder expected = new StringBuilder();
            args.forEach(a -> expected.append('[').append(a).append(']'));
            assertThat(printed.stdoutText()).isEqualTo(expected + "|jts-fleet");
            assertThat(Path.of("/tmp/jts-pwned")).doesNotExist();

            byte[] input = "line 1\nline 2\n\u00e9\n".getBytes(StandardCharsets.UTF_8);
            ExecResult echoed = ssh.exec("cat", List.of(), input, COMMAND, false);
            assertThat(echoed.stdout()).isEqualTo(input);
        }
    }

    @Test
    void largeStderrAndStdoutTogetherDoNotDeadlock() throws Exception {
        try (SshTransport ssh = new SshTransport(plain(0), options())) {
            ExecResult result = ssh.exec(
                    "head -c 3145728 /dev/zero | tr '\\0' e >&2; head -c 3145728 /dev/zero | tr '\\0' o; echo",
                    List.of(), new byte[0], COMMAND, false);
            assertThat(result.exitCode()).isZero();
            assertThat(result.stderr()).hasSize(3 * 1024 * 1024);
            assertThat(result.stdout()).hasSize(3 * 1024 * 1024 + 1);
        }
    }

    @Test
    void rsaIdentityWorks() throws Exception {
        HostSpec host = sshd.host(1, SshdFixture.NO_SUDO_USER, sshd.rsaIdentity(), knownHosts, false);
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertThat(ssh.exec("id -un", List.of(), new byte[0], COMMAND, false).stdoutText())
                    .isEqualTo(SshdFixture.NO_SUDO_USER + "\n");
        }
    }

    @Test
    void unknownHostKeyIsRefusedNamingTheFingerprint() throws Exception {
        Path empty = Files.createFile(temp.resolve("known_hosts"));
        HostSpec host = sshd.host(0, "root", sshd.ed25519Identity(), empty, false);
        try (SshTransport ssh = new SshTransport(host, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
            assertThat(refused.getMessage()).isEqualTo("h01: host key unknown (ssh-ed25519 "
                    + sshd.hostKeyFingerprint() + ") for [127.0.0.1]:" + sshd.ports().get(0)
                    + " — verify it and rerun with --accept-new-host-keys");
        }
        assertThat(Files.readString(empty)).isEmpty();
    }

    /**
     * accept-new records the key (in a file and directory it creates, or after lines already there, also without a
     * final newline) and says so; the next strict connect accepts it.
     */
    @ParameterizedTest(name = "known_hosts before: {0}")
    @CsvSource(nullValues = "absent", value = {"absent, sub/known_hosts", "'# fleet hosts', known_hosts_no_newline"})
    void acceptNewRecordsTheKeyAfterWhatIsThereAndTheNextStrictConnectSucceeds(String before, String name)
            throws Exception {
        Path file = temp.resolve(name);
        if (before != null) {
            Files.writeString(file, before);
        }
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), file, false);
        int port = sshd.ports().get(0);
        try (SshTransport ssh = new SshTransport(host, options().withAcceptNewHostKeys(true))) {
            assertThat(ssh.exec("true", List.of(), new byte[0], COMMAND, false).exitCode()).isZero();
            assertThat(ssh.recordedHostKey()).contains("h01: recorded new host key ssh-ed25519 "
                    + sshd.hostKeyFingerprint() + " for [127.0.0.1]:" + port + " in " + file);
        }
        assertThat(Files.readString(file))
                .isEqualTo((before == null ? "" : before + "\n") + sshd.knownHostsLine(port) + "\n");
        try (SshTransport strict = new SshTransport(host, options())) {
            assertThat(strict.exec("true", List.of(), new byte[0], COMMAND, false).exitCode()).isZero();
            assertThat(strict.recordedHostKey()).isEmpty();
        }
    }

    @Test
    void hashedKnownHostsAreHonoured() throws Exception {
        Path file = temp.resolve("known_hosts_hashed");
        Files.copy(knownHosts, file);
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", file.toString()).redirectErrorStream(true).start();
        hash.getInputStream().readAllBytes();
        assertThat(hash.waitFor(10, TimeUnit.SECONDS) && hash.exitValue() == 0).isTrue();
        assertThat(Files.readString(file)).startsWith("|1|").doesNotContain("127.0.0.1");
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), file, false);
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertThat(ssh.exec("true", List.of(), new byte[0], COMMAND, false).exitCode()).isZero();
        }
    }

    /** A known key that is not the host's is "changed", also when it is of another type; accept-new never records. */
    @ParameterizedTest(name = "known key of type {0}")
    @ValueSource(strings = {"ed25519", "rsa"})
    void aKnownKeyThatIsNotTheHostsIsRefusedAsChangedEvenWithAcceptNew(String type) throws Exception {
        Path otherKey = SshdFixture.generateKey(temp.resolve("other_" + type), type);
        String[] otherFields = Files.readString(Path.of(otherKey + ".pub")).trim().split("\\s+");
        int port = sshd.ports().get(0);
        Path file = temp.resolve("known_hosts_changed_" + type);
        String original = "[127.0.0.1]:" + port + " " + otherFields[0] + " " + otherFields[1] + "\n";
        Files.writeString(file, original);
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), file, false);
        try (SshTransport ssh = new SshTransport(host, options().withAcceptNewHostKeys(true))) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
            String oldFingerprint = KeyFingerprint.sha256(java.util.Base64.getDecoder().decode(otherFields[1]));
            // the client asks for the type it knows: the host offers its own key of that type
            String[] offered = Files.readString(sshd.directory().resolve("ssh_host_" + type + "_key.pub")).trim()
                    .split("\\s+");
            assertThat(refused.getMessage())
                    .startsWith("h01: host key changed for [127.0.0.1]:" + port)
                    .contains(otherFields[0] + " " + oldFingerprint)
                    .contains("host offered " + offered[0] + " "
                            + KeyFingerprint.sha256(java.util.Base64.getDecoder().decode(offered[1])));
        }
        assertThat(Files.readString(file)).isEqualTo(original);
    }

    @Test
    void missingIdentityFileIsAnAuthErrorNamingThePath() {
        Path missing = temp.resolve("no-such-key");
        HostSpec host = noAgent(sshd.host(0, "root", missing, knownHosts, false));
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertThatThrownBy(() -> ssh.exec("true", List.of(), new byte[0], COMMAND, false))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("h01: no key to offer for user root at 127.0.0.1:" + host.port()
                            + "; agent turned off (identity_agent none); " + missing + ": does not exist")
                    .extracting(e -> ((TransportException) e).failureClass()).isEqualTo(FailureClass.AUTH);
        }
    }

    @Test
    void unauthorizedKeyIsAnAuthErrorNamingWhatWasTried() throws Exception {
        Path stranger = SshdFixture.generateKey(temp.resolve("stranger"), "ed25519");
        HostSpec host = noAgent(sshd.host(0, "root", stranger, knownHosts, false));
        try (SshTransport ssh = new SshTransport(host, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.AUTH);
            assertThat(refused.getMessage()).isEqualTo("h01: tried " + stranger + "; all refused for user root at"
                    + " 127.0.0.1:" + host.port() + "; agent turned off (identity_agent none)");
        }
    }

    /** The host without any agent, whatever SSH_AUTH_SOCK the test JVM inherited. */
    private static HostSpec noAgent(HostSpec host) {
        return host.withAccess(new jts.fleet.inventory.SshAccess(List.of(), Optional.of("none"), false, List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
    }

    @Test
    void closedPortIsUnreachableWithinTheConnectTimeout() {
        HostSpec host = new HostSpec("down-01", HostSpec.Connection.SSH, "127.0.0.1", FreePort.unused(), "root",
                Optional.of(sshd.ed25519Identity()), Optional.of(knownHosts), HostSpec.Become.NONE, List.of(),
                Optional.empty(), SshdFixture.emptyPolicy());
        long started = System.nanoTime();
        try (SshTransport ssh = new SshTransport(host, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.UNREACHABLE);
            assertThat(refused.getMessage()).startsWith("down-01: cannot connect to 127.0.0.1:" + host.port());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void unresolvableNameIsUnreachable() {
        HostSpec host = new HostSpec("ghost-01", HostSpec.Connection.SSH, "ghost-01.invalid", 22, "root",
                Optional.of(sshd.ed25519Identity()), Optional.of(knownHosts), HostSpec.Become.NONE, List.of(),
                Optional.empty(), SshdFixture.emptyPolicy());
        try (SshTransport ssh = new SshTransport(host, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.UNREACHABLE);
            assertThat(refused.getMessage()).isEqualTo("ghost-01: cannot resolve ghost-01.invalid");
        }
    }

    @Test
    void timedOutCommandIsReportedAndKilledOnTheHostAsRoot() throws Exception {
        try (SshTransport ssh = new SshTransport(root(0), options())) {
            assertTimeoutKills(ssh, false);
        }
    }

    @Test
    void timedOutCommandIsKilledOnTheHostThroughSudo() throws Exception {
        HostSpec host = sshd.host(0, SshdFixture.SUDO_USER, sshd.ed25519Identity(), knownHosts, true);
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertTimeoutKills(ssh, true);
        }
    }

    private static void assertTimeoutKills(SshTransport ssh, boolean become) throws Exception {
        String marker = "jts-it-" + UUID.randomUUID();
        long started = System.nanoTime();
        // The inner sh is not the last command of its script, so dash keeps it (and its argv with the marker).
        TransportException timedOut = catchThrowableOfType(TransportException.class,
                () -> ssh.exec("sh -c 'sleep 300; :' \"$1\" & sleep 300", List.of(marker), new byte[0],
                        Duration.ofSeconds(2), become));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(timedOut.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(timedOut.getMessage()).startsWith("h01: command timed out after 2 s");
        assertThat(elapsed).as("10x the 2 s deadline").isLessThan(Duration.ofSeconds(20));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            Thread.sleep(200);
            status = new ProcessBuilder("pgrep", "-f", marker).start().waitFor();
        } while (status == 0 && System.nanoTime() < deadline);
        assertThat(status).as("processes with %s still running on the host", marker).isEqualTo(1);
        // The connection survives a timed-out command.
        assertThat(ssh.exec("echo alive", List.of(), new byte[0], COMMAND, become).stdoutText()).isEqualTo("alive\n");
    }

    @Test
    void sudoWithoutPasswordRunsAsRoot() throws Exception {
        HostSpec host = sshd.host(0, SshdFixture.SUDO_USER, sshd.ed25519Identity(), knownHosts, true);
        try (SshTransport ssh = new SshTransport(host, options())) {
            assertThat(ssh.exec("id -u", List.of(), new byte[0], COMMAND, true).stdoutText()).isEqualTo("0\n");
            assertThat(ssh.exec("id -un", List.of(), new byte[0], COMMAND, false).stdoutText())
                    .isEqualTo(SshdFixture.SUDO_USER + "\n");
        }
    }

    @Test
    void sudoNeedingAPasswordIsASudoErrorNotAHang() throws Exception {
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, true);
        long started = System.nanoTime();
        try (SshTransport ssh = new SshTransport(host, options())) {
            TransportException refused = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("id -u", List.of(), new byte[0], COMMAND, true));
            assertThat(refused.failureClass()).isEqualTo(FailureClass.SUDO);
            assertThat(refused.getMessage())
                    .startsWith("h01: sudo -n needs a password for " + SshdFixture.NO_SUDO_USER);
        }
        // a hang would last until the command deadline; a login and one exec take well under a second here, so
        // the deadline itself is the bound (5 s was 10x an idle machine's time, not a loaded one's)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(COMMAND);
    }

    @Test
    void oneConnectionServesManyExecsSeriallyAndConcurrently() throws Exception {
        // Login shell /bin/sh: root's bash on this machine sources ~/.bashrc for every ssh command, which
        // would dominate the latency printed below.
        HostSpec host = sshd.host(0, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
        try (SshTransport ssh = new SshTransport(host, options())) {
            long[] micros = new long[20];
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                ExecResult result = ssh.exec("echo $1", List.of(Integer.toString(i)), new byte[0], COMMAND, false);
                micros[i] = (System.nanoTime() - started) / 1000;
                assertThat(result.stdoutText()).isEqualTo(i + "\n");
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<ExecResult>> running = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    running.add(pool.submit(() -> ssh.exec("sleep 0.3; echo ok", List.of(), new byte[0], COMMAND,
                            false)));
                }
                for (Future<ExecResult> future : running) {
                    assertThat(future.get(30, TimeUnit.SECONDS).stdoutText()).isEqualTo("ok\n");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ssh.reconnectCount()).isZero();
            java.util.Arrays.sort(micros);
            System.out.printf("exec latency on a reused loopback connection: median %.1f ms, min %.1f ms,"
                    + " max %.1f ms (20 execs)%n", micros[10] / 1000.0, micros[0] / 1000.0, micros[19] / 1000.0);
        }
    }

    @Test
    void channelsStayBelowOpenSshDefaultMaxSessions() throws Exception {
        try (SshdFixture defaults = SshdFixture.builder().maxSessions(10).noSudoUser().start()) {
            Path known = defaults.writeKnownHosts();
            HostSpec host = defaults.host(0, SshdFixture.NO_SUDO_USER, defaults.ed25519Identity(), known, false);
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try (SshTransport ssh = new SshTransport(host, options())) {
                List<Future<ExecResult>> running = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    running.add(pool.submit(() -> ssh.exec("sleep 0.5; echo ok", List.of(), new byte[0], COMMAND,
                            false)));
                }
                for (Future<ExecResult> future : running) {
                    assertThat(future.get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("ok\n");
                }
                assertThat(ssh.reconnectCount()).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aHostWithFewerSessionsRefusesChannelsWithoutKillingTheConnection() throws Exception {
        try (SshdFixture tight = SshdFixture.builder().maxSessions(2).noSudoUser().start()) {
            Path known = tight.writeKnownHosts();
            HostSpec host = tight.host(0, SshdFixture.NO_SUDO_USER, tight.ed25519Identity(), known, false);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try (SshTransport ssh = new SshTransport(host, options())) {
                ssh.connect();
                List<Future<ExecResult>> running = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    // Longer than the channel-open retries (1.5 s), so the later ones are refused for good.
                    running.add(pool.submit(() -> ssh.exec("sleep 3; echo ok", List.of(), new byte[0], COMMAND,
                            false)));
                }
                int ok = 0;
                int refused = 0;
                for (Future<ExecResult> future : running) {
                    try {
                        assertThat(future.get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("ok\n");
                        ok++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        TransportException cause = (TransportException) e.getCause();
                        assertThat(cause.failureClass()).isEqualTo(FailureClass.COMMAND);
                        assertThat(cause.getMessage()).startsWith("h01: host refused a session channel");
                        refused++;
                    }
                }
                assertThat(ok).isGreaterThanOrEqualTo(2);
                assertThat(refused).isPositive();
                assertThat(ssh.reconnectCount()).isZero();
                assertThat(ssh.isConnected()).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void keepaliveDetectsAPeerThatStoppedAnswering() throws Exception {
        HostSpec host = sshd.host(1, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
        try (SshTransport ssh = new SshTransport(host, options().withKeepAliveInterval(Duration.ofSeconds(1)))) {
            assertThat(ssh.exec("echo up", List.of(), new byte[0], COMMAND, false).stdoutText()).isEqualTo("up\n");
            sshd.signalSessions("STOP");
            try {
                long started = System.nanoTime();
                long deadline = started + TimeUnit.SECONDS.toNanos(45);
                while (ssh.isConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(ssh.isConnected()).as("connection to a stopped peer still looks alive").isFalse();
                // 3 unanswered keepalives at 1 s intervals: about 4 s expected, 10x that allowed.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
            } finally {
                sshd.killSessions();
            }
            assertThat(ssh.exec("echo back", List.of(), new byte[0], COMMAND, false).stdoutText()).isEqualTo("back\n");
            assertThat(ssh.reconnectCount()).isEqualTo(1);
        }
    }

    @Test
    void reconnectsAfterTheConnectionWasKilled() throws Exception {
        try (SshTransport ssh = new SshTransport(plain(1), options())) {
            assertThat(ssh.exec("echo one", List.of(), new byte[0], COMMAND, false).stdoutText()).isEqualTo("one\n");
            sshd.killSessions();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ssh.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ssh.exec("echo two", List.of(), new byte[0], COMMAND, false).stdoutText()).isEqualTo("two\n");
            assertThat(ssh.reconnectCount()).isEqualTo(1);
        }
    }
}
