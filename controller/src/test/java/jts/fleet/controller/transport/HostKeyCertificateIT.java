package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.testing.OpenSshClient;
import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;

/**
 * Host certificates ({@code HostCertificate} signed with {@code ssh-keygen -s -h}) and {@code @revoked} lines
 * against real sshd servers. Every decision is also put to the real {@code ssh} client: jts-fleet must connect
 * exactly where OpenSSH connects.
 */
class HostKeyCertificateIT {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private static final String USER = SshdFixture.NO_SUDO_USER;

    @TempDir
    static Path keys;
    static Path hostCa;
    static Path otherCa;
    static SshdFixture certified;
    static SshdFixture wrongName;
    static SshdFixture expired;
    static SshdFixture plain;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        SshdFixture.require();
        Environment.requireTool("ssh");
        hostCa = SshKeygen.generate(keys.resolve("host_ca"), "ed25519", "");
        otherCa = SshKeygen.generate(keys.resolve("other_ca"), "ed25519", "");
        certified = SshdFixture.builder().hostCertificate(new SshdFixture.HostCertificate(hostCa,
                List.of("127.0.0.1", "db-01.example.com"), Optional.of("-5m:+1d"))).noSudoUser().start();
        wrongName = SshdFixture.builder().hostCertificate(new SshdFixture.HostCertificate(hostCa,
                List.of("db-01.example.com"), Optional.empty())).noSudoUser().start();
        expired = SshdFixture.builder().hostCertificate(new SshdFixture.HostCertificate(hostCa,
                List.of("127.0.0.1"), Optional.of("20200101:20200102"))).noSudoUser().start();
        plain = SshdFixture.builder().noSudoUser().start();
    }

    @AfterAll
    static void stop() {
        for (SshdFixture sshd : new SshdFixture[] {certified, wrongName, expired, plain}) {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    private Path knownHosts(String... lines) throws Exception {
        Path file = Files.createTempFile(temp, "known_hosts", "");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String caLine(String hosts, Path ca) throws Exception {
        return "@cert-authority " + hosts + " " + Files.readString(Path.of(ca + ".pub")).trim();
    }

    private static String revokedLine(String hosts, Path publicKey) throws Exception {
        return "@revoked " + hosts + " " + Files.readString(publicKey).trim();
    }

    private static Path hostKey(SshdFixture sshd) {
        return sshd.directory().resolve("ssh_host_ed25519_key.pub");
    }

    /** Connects with jts-fleet and with OpenSSH; both must agree. Returns jts-fleet's refusal, if any. */
    private static Optional<TransportException> connect(SshdFixture sshd, Path knownHosts, boolean acceptNew)
            throws Exception {
        HostSpec host = sshd.host(0, USER, sshd.ed25519Identity(), knownHosts, false);
        List<String> notices = new CopyOnWriteArrayList<>();
        Optional<TransportException> refused;
        try (SshRun run = new SshRun(SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5))
                .withAcceptNewHostKeys(acceptNew), new Operator(notices::add, PassphrasePrompt.NONE));
                SshTransport ssh = new SshTransport(host, run)) {
            refused = Optional.ofNullable(catchThrowableOfType(TransportException.class,
                    () -> ssh.exec("true", List.of(), new byte[0], COMMAND, false)));
        }
        // the oracle reads a copy: accept-new must not be judged on what jts-fleet just recorded
        return refused;
    }

    private void assertOpenSshAgrees(SshdFixture sshd, String knownHostsText, boolean acceptNew, boolean connects)
            throws Exception {
        Path copy = Files.createTempFile(temp, "oracle_known_hosts", "");
        Files.writeString(copy, knownHostsText);
        OpenSshClient.Outcome outcome = OpenSshClient.run(sshd.address(), sshd.ports().get(0), USER,
                sshd.ed25519Identity(), copy, acceptNew);
        assertThat(outcome.connected()).as("OpenSSH connected? stderr: %s", outcome.stderr()).isEqualTo(connects);
    }

    private Optional<TransportException> check(SshdFixture sshd, boolean acceptNew, String... lines) throws Exception {
        Path file = knownHosts(lines);
        String before = Files.readString(file);
        Optional<TransportException> refused = connect(sshd, file, acceptNew);
        assertOpenSshAgrees(sshd, before, acceptNew, refused.isEmpty());
        return refused;
    }

    @Test
    void aCaLineForTheHostTrustsItsCertificate() throws Exception {
        assertThat(check(certified, false, caLine("[127.0.0.1]:*", hostCa))).isEmpty();
        assertThat(check(certified, false, caLine("*", hostCa))).isEmpty();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedNamingItsPrincipals() throws Exception {
        TransportException refused = check(wrongName, false, caLine("*", hostCa)).orElseThrow();
        assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
        assertThat(refused.getMessage()).startsWith("h01: host certificate for [127.0.0.1]:" + wrongName.ports().get(0)
                + " not accepted: certificate principals [db-01.example.com] do not include 127.0.0.1");
    }

    @Test
    void anExpiredCertificateIsRefusedAndAcceptNewRecordsNothing() throws Exception {
        Path file = knownHosts(caLine("*", hostCa));
        String before = Files.readString(file);
        TransportException refused = connect(expired, file, true).orElseThrow();
        assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
        assertThat(refused.getMessage()).contains("not accepted: certificate expired at 2020-01-02");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertOpenSshAgrees(expired, before, false, false);
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
        TransportException refused = check(certified, false, caLine("*", otherCa)).orElseThrow();
        assertThat(refused.getMessage()).contains("which no @cert-authority line trusts for [127.0.0.1]:"
                + certified.ports().get(0));
    }

    @Test
    void aCaLineThatDoesNotNameTheHostLeavesItUnknown() throws Exception {
        int port = certified.ports().get(0);
        // off port 22 OpenSSH looks the host up as [host]:port, then as the bare host: both must be excluded
        for (String hosts : List.of("*.example.com", "*,!127.0.0.1,![127.0.0.1]:" + port)) {
            TransportException refused = check(certified, false, caLine(hosts, hostCa)).orElseThrow();
            assertThat(refused.getMessage()).as(hosts).startsWith("h01: host key unknown (");
        }
    }

    @Test
    void lookingUpTheBareHostLikeOpenSshStillLetsRevokedLinesForThePortWin() throws Exception {
        int port = certified.ports().get(0);
        assertThat(check(certified, false, caLine("127.0.0.1", hostCa))).isEmpty();
        assertThat(check(certified, false, caLine("*,![127.0.0.1]:" + port, hostCa))).isEmpty();
        TransportException refused = check(certified, false, caLine("127.0.0.1", hostCa),
                revokedLine("[127.0.0.1]:" + port, hostKey(certified))).orElseThrow();
        assertThat(refused.getMessage()).startsWith("h01: REVOKED host key");
    }

    @Test
    void aCertifiedHostNoCaCoversIsRecordedByItsPlainKey() throws Exception {
        Path file = temp.resolve("fresh/known_hosts");
        assertThat(connect(certified, file, true)).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(certified.knownHostsLine(certified.ports().get(0)) + "\n");
        assertThat(connect(certified, file, false)).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedWhicheverLineComesFirst() throws Exception {
        String known = plain.knownHostsLine(plain.ports().get(0));
        String revoked = revokedLine("*", hostKey(plain));
        for (List<String> order : List.of(List.of(known, revoked), List.of(revoked, known))) {
            TransportException refused = check(plain, false, order.toArray(String[]::new)).orElseThrow();
            assertThat(refused.failureClass()).isEqualTo(FailureClass.HOST_KEY);
            assertThat(refused.getMessage()).as(order.toString()).startsWith("h01: REVOKED host key ssh-ed25519 ")
                    .contains("revoked");
        }
    }

    @Test
    void aRevokedKeyIsNotRecordedByAcceptNew() throws Exception {
        Path file = knownHosts(revokedLine("*", hostKey(plain)));
        String before = Files.readString(file);
        assertThat(connect(plain, file, true).orElseThrow().getMessage()).contains("REVOKED host key");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertOpenSshAgrees(plain, before, true, false);
    }

    @Test
    void aRevokedCaRevokesTheCertificatesItSigned() throws Exception {
        TransportException refused = check(certified, false, caLine("*", hostCa),
                revokedLine("*", Path.of(hostCa + ".pub"))).orElseThrow();
        assertThat(refused.getMessage()).startsWith("h01: REVOKED certificate authority ssh-ed25519 ");
    }
}
