package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.testing.SshAgent;
import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.controller.transport.keys.PublicKeyText;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.SshAccess;
import jts.fleet.remote.testing.Environment;

/**
 * OpenSSH-like public key authentication against a real sshd and a real {@code ssh-agent} started by the test:
 * agent identities before files, IdentitiesOnly, identity_agent, encrypted key files (through the agent, or one
 * passphrase prompt per run), OpenSSH's refusal of unprotected key files, and user certificates signed with
 * {@code ssh-keygen -s} for an sshd with {@code TrustedUserCAKeys}. Which key logged in is read from sshd's log.
 */
class SshAuthenticationIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private static final String USER = SshdFixture.NO_SUDO_USER;
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    static Path keys;
    static SshdFixture sshd;
    static Path knownHosts;
    static Path userCa;
    static Path authorized;
    static Path alsoAuthorized;
    static Path stranger;
    static Path encrypted;
    static Path certified;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        SshdFixture.require();
        Environment.requireTool("ssh-agent");
        Environment.requireTool("ssh-add");
        Environment.requireTool("setsid");
        userCa = SshKeygen.generate(keys.resolve("user_ca"), "ed25519", "");
        // VERBOSE (for sessions: Match) logs "Postponed publickey" for every key the client asked about before
        // signing, and "Failed publickey" for every refusal
        sshd = SshdFixture.builder().hosts(2).config("TrustedUserCAKeys " + userCa + ".pub")
                .config("Match all\n  LogLevel VERBOSE").noSudoUser().start();
        knownHosts = sshd.writeKnownHosts();
        authorized = SshKeygen.generate(keys.resolve("id_authorized"), "ed25519", "");
        alsoAuthorized = SshKeygen.generate(keys.resolve("id_also"), "ecdsa", "");
        stranger = SshKeygen.generate(keys.resolve("id_stranger"), "ed25519", "");
        encrypted = SshKeygen.generate(keys.resolve("id_encrypted"), "ed25519", PASSPHRASE);
        certified = SshKeygen.generate(keys.resolve("id_certified"), "ed25519", "");
        for (Path key : List.of(authorized, alsoAuthorized, encrypted)) {
            sshd.authorizeKey(USER, Path.of(key + ".pub"));
        }
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** A run whose environment holds only {@code SSH_AUTH_SOCK} (if given) and whose home has no keys. */
    private SshRun run(Optional<Path> agentSocket, PassphrasePrompt prompt, List<String> notices) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> env = agentSocket.map(s -> Map.of("SSH_AUTH_SOCK", s.toString())).orElse(Map.of());
        return new SshRun(SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)),
                new Operator(notices::add, prompt), env, home);
    }

    private SshRun run(Optional<Path> agentSocket) throws Exception {
        return run(agentSocket, PassphrasePrompt.NONE, new CopyOnWriteArrayList<>());
    }

    private static HostSpec host(int index, List<Path> identityFiles, Optional<String> agent, boolean only,
            List<Path> certificates) {
        HostSpec plain = new HostSpec(SshdFixture.hostName(index), HostSpec.Connection.SSH, sshd.address(),
                sshd.ports().get(index), USER, Optional.empty(), Optional.of(knownHosts), HostSpec.Become.NONE,
                List.of("it"), Optional.empty(), SshdFixture.emptyPolicy());
        return plain.withAccess(new SshAccess(identityFiles, agent, only, certificates, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of()));
    }

    private static String whoami(SshTransport ssh) throws Exception {
        return ssh.exec("id -un", List.of(), new byte[0], COMMAND, false).stdoutText().strip();
    }

    private static TransportException refusal(SshTransport ssh) {
        return catchThrowableOfType(TransportException.class,
                () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false));
    }

    private static String fingerprint(Path privateKey) throws Exception {
        return KeyFingerprint.sha256(PublicKeyText.parse(Files.readString(Path.of(privateKey + ".pub")))
                .orElseThrow().key());
    }

    /**
     * The "Accepted publickey" lines (with the key's fingerprint) since {@code before} of them, once there is one and
     * the log has settled: the lines sshd logs before it (Postponed, Failed) are then read too.
     */
    private static List<String> acceptedSince(int before) throws InterruptedException {
        List<String> lines = sshd.awaitLogLines("Accepted publickey for " + USER, before + 1);
        return lines.subList(before, lines.size());
    }

    private static int accepted() {
        return sshd.logLines("Accepted publickey for " + USER).size();
    }

    /** How often a client asked whether a key would do (and was told yes) before signing with it. */
    private static int asked() {
        return sshd.logLines("Postponed publickey for " + USER).size();
    }

    @Test
    void anIdentityFileIsSignedAtOnceWithoutAskingFirst() throws Exception {
        int before = accepted();
        int askedBefore = asked();
        try (SshRun run = run(Optional.empty());
                SshTransport ssh = new SshTransport(host(0, List.of(authorized), Optional.empty(), false, List.of()),
                        run)) {
            assertThat(whoami(ssh)).isEqualTo(USER);
        }
        assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(authorized));
        assertThat(asked()).as("one signed request, no question first").isEqualTo(askedBefore);
    }

    @Test
    void aRefusedIdentityFileIsSignedAtOnceToOnlyARefusalAndTheNextFileLogsIn() throws Exception {
        int before = accepted();
        int askedBefore = asked();
        int failedBefore = sshd.logLines("Failed publickey for " + USER).size();
        try (SshRun run = run(Optional.empty());
                SshTransport ssh = new SshTransport(host(0, List.of(stranger, authorized), Optional.empty(), false,
                        List.of()), run)) {
            assertThat(whoami(ssh)).isEqualTo(USER);
        }
        assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(authorized));
        List<String> failed = sshd.logLines("Failed publickey for " + USER);
        assertThat(failed.subList(failedBefore, failed.size())).singleElement().asString()
                .contains(fingerprint(stranger));
        assertThat(asked()).isEqualTo(askedBefore);
    }

    @Test
    void anAgentKeyIsAskedAboutBeforeTheAgentSigns() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(authorized);
            int before = accepted();
            int askedBefore = asked();
            try (SshTransport ssh = new SshTransport(host(0, List.of(), Optional.empty(), false, List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(authorized));
            assertThat(asked()).as("an agent may need its user to sign: only for a key the server takes")
                    .isEqualTo(askedBefore + 1);
        }
    }

    @Test
    void agentIdentitiesAloneLogIn() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(authorized);
            int before = accepted();
            try (SshTransport ssh = new SshTransport(host(0, List.of(), Optional.empty(), false, List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(authorized));
        }
    }

    @Test
    void agentKeysAreOfferedBeforeIdentityFiles() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(alsoAuthorized);
            int before = accepted();
            try (SshTransport ssh = new SshTransport(host(0, List.of(authorized), Optional.empty(), false,
                    List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(alsoAuthorized));
        }
    }

    @Test
    void anEncryptedKeyFileServedByTheAgentNeedsNoPassphrase() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (SshAgent agent = SshAgent.start();
                SshRun run = run(Optional.of(agent.socket()), prompt -> {
                    asked.incrementAndGet();
                    return Optional.empty();
                }, new CopyOnWriteArrayList<>())) {
            agent.add(encrypted, PASSPHRASE);
            int before = accepted();
            try (SshTransport ssh = new SshTransport(host(0, List.of(encrypted), Optional.empty(), true,
                    List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(asked).hasValue(0);
            assertThat(acceptedSince(before)).singleElement().asString().contains(fingerprint(encrypted));
        }
    }

    @Test
    void anEncryptedKeyWithoutAgentOrTerminalNamesTheKeyAndTheAgentAsTheWayOut() throws Exception {
        try (SshRun run = run(Optional.empty());
                SshTransport ssh = new SshTransport(host(0, List.of(encrypted), Optional.empty(), false, List.of()),
                        run)) {
            TransportException refused = refusal(ssh);
            assertThat(refused.failureClass()).isEqualTo(FailureClass.AUTH);
            assertThat(refused.getMessage()).isEqualTo("h01: tried " + encrypted + " (encrypted, and there is no"
                    + " terminal to ask for its passphrase: load it into ssh-agent (ssh-add " + encrypted + ") or run"
                    + " on a terminal); all refused for user " + USER + " at " + sshd.address() + ":"
                    + sshd.ports().get(0) + "; no agent (SSH_AUTH_SOCK unset)");
        }
    }

    @Test
    void thePassphraseIsAskedOncePerRunWhateverTheHostsAndForks() throws Exception {
        List<String> prompts = Collections.synchronizedList(new ArrayList<>());
        List<String> answers = List.of("wrong guess", PASSPHRASE);
        PassphrasePrompt prompt = text -> {
            prompts.add(text);
            return Optional.of(answers.get(Math.min(prompts.size() - 1, 1)).toCharArray());
        };
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HostSpec base = host(i % 2, List.of(encrypted), Optional.of("none"), false, List.of());
            hosts.add(new HostSpec("enc-" + i, base.connection(), base.address(), base.port(), base.user(),
                    base.identityFile(), base.knownHosts(), base.become(), base.groups(), base.sysroot(),
                    base.policy(), base.access()));
        }
        List<SshTransport> transports = new CopyOnWriteArrayList<>();
        try (SshRun run = run(Optional.empty(), prompt, new CopyOnWriteArrayList<>())) {
            FleetRunner runner = new FleetRunner(h -> {
                SshTransport ssh = new SshTransport(h, run);
                transports.add(ssh);
                return ssh;
            }, 4, Duration.ofMinutes(1));
            List<HostResult<String>> results = runner.run(hosts, (transport, h) -> HostOutcome.ok(
                    transport.exec("id -un", List.of(), new byte[0], COMMAND, false).stdoutText().strip()), r -> { });
            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(HostResult.Ok.class));
        } finally {
            transports.forEach(SshTransport::close);
        }
        assertThat(prompts).containsExactly("Enter passphrase for key '" + encrypted + "': ",
                "Bad passphrase, try again for " + encrypted + ": ");
    }

    /**
     * The operator's time is not the server's: a passphrase typed after the connect timeout (5 s here) still logs in
     * every host, also the ones that waited for the same key meanwhile, and is asked once.
     */
    @Test
    void aPassphraseTypedAfterTheConnectTimeoutStillLogsInEveryHost() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PassphrasePrompt slowOperator = text -> {
            asked.incrementAndGet();
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            return Optional.of(PASSPHRASE.toCharArray());
        };
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HostSpec base = host(i % 2, List.of(encrypted), Optional.of("none"), false, List.of());
            hosts.add(new HostSpec("slow-" + i, base.connection(), base.address(), base.port(), base.user(),
                    base.identityFile(), base.knownHosts(), base.become(), base.groups(), base.sysroot(),
                    base.policy(), base.access()));
        }
        List<SshTransport> transports = new CopyOnWriteArrayList<>();
        try (SshRun run = run(Optional.empty(), slowOperator, new CopyOnWriteArrayList<>())) {
            FleetRunner runner = new FleetRunner(h -> {
                SshTransport ssh = new SshTransport(h, run);
                transports.add(ssh);
                return ssh;
            }, 4, Duration.ofMinutes(2));
            List<HostResult<String>> results = runner.run(hosts, (transport, h) -> HostOutcome.ok(
                    transport.exec("id -un", List.of(), new byte[0], COMMAND, false).stdoutText().strip()), r -> { });
            assertThat(results).as(results.toString())
                    .allSatisfy(r -> assertThat(r).isInstanceOf(HostResult.Ok.class));
        } finally {
            transports.forEach(SshTransport::close);
        }
        assertThat(asked).hasValue(1);
    }

    /**
     * An agent that takes the connection and never answers (hung, or waiting for a touch nobody gives) ends at the
     * connect deadline, named, instead of holding the host forever.
     */
    @Test
    void anAgentThatNeverAnswersEndsAtTheConnectDeadlineNamingTheAgent() throws Exception {
        Path socket = temp.resolve("mute-agent.sock");
        try (java.nio.channels.ServerSocketChannel mute = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            mute.bind(java.net.UnixDomainSocketAddress.of(socket));
            List<java.nio.channels.SocketChannel> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(mute.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            }, "mute-agent");
            acceptor.setDaemon(true);
            acceptor.start();
            try (SshRun run = run(Optional.of(socket));
                 SshTransport ssh = new SshTransport(host(0, List.of(authorized), Optional.empty(), false, List.of()),
                         run)) {
                long started = System.nanoTime();
                TransportException e = refusal(ssh);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(e.failureClass()).as(e.getMessage()).isEqualTo(FailureClass.TIMEOUT);
                assertThat(e.getMessage()).contains("within 5 s (--connect-timeout): still waiting for the answer of"
                        + " ssh-agent " + socket + " (SSH_AUTH_SOCK); does the agent wait for a confirmation");
                assertThat(took).isLessThan(Duration.ofSeconds(50));
            } finally {
                for (java.nio.channels.SocketChannel channel : held) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void threeWrongPassphrasesFailTheKeyForTheWholeRun() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PassphrasePrompt prompt = text -> {
            asked.incrementAndGet();
            return Optional.of("not it".toCharArray());
        };
        try (SshRun run = run(Optional.empty(), prompt, new CopyOnWriteArrayList<>())) {
            for (int i = 0; i < 2; i++) {
                try (SshTransport ssh = new SshTransport(host(i, List.of(encrypted), Optional.empty(), false,
                        List.of()), run)) {
                    assertThat(refusal(ssh).getMessage()).contains(encrypted + " (wrong passphrase (3 tries))");
                }
            }
        }
        assertThat(asked).hasValue(3);
    }

    @Test
    void identitiesOnlyLimitsAgentKeysToTheConfiguredFiles() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(authorized);
            try (SshTransport only = new SshTransport(host(0, List.of(stranger), Optional.empty(), true, List.of()),
                    run)) {
                TransportException refused = refusal(only);
                assertThat(refused.failureClass()).isEqualTo(FailureClass.AUTH);
                assertThat(refused.getMessage()).isEqualTo("h01: tried " + stranger + "; all refused for user " + USER
                        + " at " + sshd.address() + ":" + sshd.ports().get(0));
            }
            try (SshTransport all = new SshTransport(host(0, List.of(stranger), Optional.empty(), false, List.of()),
                    run)) {
                assertThat(whoami(all)).isEqualTo(USER);
            }
        }
    }

    @Test
    void identityAgentNoneLeavesTheAgentOut() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(authorized);
            try (SshTransport ssh = new SshTransport(host(0, List.of(stranger), Optional.of("none"), false,
                    List.of()), run)) {
                assertThat(refusal(ssh).getMessage()).isEqualTo("h01: tried " + stranger + "; all refused for user "
                        + USER + " at " + sshd.address() + ":" + sshd.ports().get(0)
                        + "; agent turned off (identity_agent none)");
            }
        }
    }

    @Test
    void anIdentityAgentSocketIsUsedWithoutSshAuthSock() throws Exception {
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.empty())) {
            agent.add(authorized);
            try (SshTransport ssh = new SshTransport(host(0, List.of(), Optional.of(agent.socket().toString()), false,
                    List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
        }
    }

    @Test
    void anUnreachableAgentIsNamedAndTheFilesStillTried() throws Exception {
        Path gone = temp.resolve("no-agent.sock");
        try (SshRun run = run(Optional.of(gone))) {
            try (SshTransport ssh = new SshTransport(host(0, List.of(authorized), Optional.empty(), false, List.of()),
                    run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            try (SshTransport ssh = new SshTransport(host(0, List.of(stranger), Optional.empty(), false, List.of()),
                    run)) {
                assertThat(refusal(ssh).getMessage()).startsWith("h01: tried " + stranger + "; all refused")
                        .contains("; agent " + gone + " (SSH_AUTH_SOCK) unreachable: ");
            }
        }
    }

    @Test
    void aPrivateKeyReadableByOthersIsRefusedLikeOpenSsh() throws Exception {
        Path loose = temp.resolve("id_loose");
        Files.copy(authorized, loose);
        Files.copy(Path.of(authorized + ".pub"), Path.of(loose + ".pub"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> notices = new CopyOnWriteArrayList<>();
        try (SshRun run = run(Optional.empty(), PassphrasePrompt.NONE, notices)) {
            for (int i = 0; i < 2; i++) {
                try (SshTransport ssh = new SshTransport(host(i, List.of(loose), Optional.empty(), false, List.of()),
                        run)) {
                    TransportException refused = refusal(ssh);
                    assertThat(refused.failureClass()).isEqualTo(FailureClass.AUTH);
                    assertThat(refused.getMessage()).contains(loose + ": UNPROTECTED PRIVATE KEY FILE: permissions"
                            + " 0644 are too open").contains("chmod 600 " + loose);
                }
            }
        }
        assertThat(notices).singleElement().asString().startsWith(loose + ": UNPROTECTED PRIVATE KEY FILE");
    }

    @Test
    void aUserCertificateBesideTheKeyIsPresented() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_cert"), "ed25519", "");
        try (SshRun run = run(Optional.empty())) {
            try (SshTransport plain = new SshTransport(host(0, List.of(key), Optional.empty(), false, List.of()),
                    run)) {
                assertThat(refusal(plain).failureClass()).isEqualTo(FailureClass.AUTH);
            }
        }
        SshKeygen.certify(userCa, Path.of(key + ".pub"), "it-user", false, List.of(USER), Optional.of("-5m:+1h"));
        int before = accepted();
        int askedBefore = asked();
        try (SshRun run = run(Optional.empty());
                SshTransport ssh = new SshTransport(host(0, List.of(key), Optional.empty(), false, List.of()),
                        run)) {
            assertThat(whoami(ssh)).isEqualTo(USER);
        }
        assertThat(acceptedSince(before)).singleElement().asString().contains("ED25519-CERT")
                .contains(fingerprint(key));
        assertThat(asked()).as("the plain key and then the certificate, each signed at once").isEqualTo(askedBefore);
    }

    @Test
    void anExpiredUserCertificateIsRefusedAndNamed() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_expired"), "ed25519", "");
        Path certificate = SshKeygen.certify(userCa, Path.of(key + ".pub"), "it-user", false, List.of(USER),
                Optional.of("20200101:20200102"));
        try (SshRun run = run(Optional.empty());
                SshTransport ssh = new SshTransport(host(0, List.of(key), Optional.empty(), false, List.of()),
                        run)) {
            assertThat(refusal(ssh).getMessage()).startsWith("h01: tried " + key + ", " + certificate
                    + "; all refused");
        }
    }

    @Test
    void aCertificateFileIsSignedByTheAgentHoldingItsKey() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_agent_cert"), "ed25519", "");
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(key); // no certificate beside it yet: the agent holds the plain key only
            Path issued = SshKeygen.certify(userCa, Path.of(key + ".pub"), "it-user", false, List.of(USER),
                    Optional.empty());
            Path certificateFile = Files.move(issued, Files.createDirectories(temp.resolve("certs"))
                    .resolve("deploy-cert.pub"));
            try (SshTransport without = new SshTransport(host(0, List.of(), Optional.empty(), false, List.of()),
                    run)) {
                assertThat(refusal(without).getMessage()).contains("agent key ED25519 " + fingerprint(key));
            }
            int before = accepted();
            try (SshTransport ssh = new SshTransport(host(0, List.of(), Optional.empty(), false,
                    List.of(certificateFile)), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(acceptedSince(before)).singleElement().asString().contains("ED25519-CERT");
        }
    }

    @Test
    void aCertificateLoadedIntoTheAgentIsUsed() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_in_agent"), "ed25519", "");
        SshKeygen.certify(userCa, Path.of(key + ".pub"), "it-user", false, List.of(USER), Optional.empty());
        try (SshAgent agent = SshAgent.start(); SshRun run = run(Optional.of(agent.socket()))) {
            agent.add(key); // ssh-add loads KEY-cert.pub too
            assertThat(agent.list()).anySatisfy(line -> assertThat(line).contains("ED25519-CERT"));
            int before = accepted();
            try (SshTransport ssh = new SshTransport(host(0, List.of(), Optional.empty(), false, List.of()), run)) {
                assertThat(whoami(ssh)).isEqualTo(USER);
            }
            assertThat(acceptedSince(before)).singleElement().asString().contains("ED25519-CERT");
        }
    }
}
