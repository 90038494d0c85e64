package jts.fleet.controller.transport.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.hierynomus.sshj.userauth.certificate.Certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.controller.transport.keys.PublicKeyText;
import jts.fleet.remote.testing.Environment;

/**
 * What known_hosts says about a presented key, with keys and certificates made by the real ssh-keygen: revoked
 * lines win in any order, CA lines with the certificate rules, OpenSSH's plain-key fallback.
 */
class HostKeyJudgeTest {
    private static final String NAME = "db-01.example.com";
    private static final Path FILE = Path.of("/etc/test/known_hosts");

    @TempDir
    static Path dir;
    static PublicKeyText hostKey;
    static PublicKeyText otherKey;
    static PublicKeyText ca;
    static PublicKeyText otherCa;
    static Certificate<?> valid;
    static Certificate<?> expired;
    static Certificate<?> future;
    static Certificate<?> wrongPrincipal;
    static Certificate<?> anyPrincipal;
    static Certificate<?> userCertificate;
    static Certificate<?> otherCaCertificate;

    @BeforeAll
    static void keys() throws Exception {
        Environment.requireTool("ssh-keygen");
        Path host = SshKeygen.generate(dir.resolve("host"), "ed25519", "");
        hostKey = read(Path.of(host + ".pub"));
        otherKey = read(Path.of(SshKeygen.generate(dir.resolve("other"), "ed25519", "") + ".pub"));
        Path caKey = SshKeygen.generate(dir.resolve("ca"), "ed25519", "");
        ca = read(Path.of(caKey + ".pub"));
        Path otherCaKey = SshKeygen.generate(dir.resolve("other_ca"), "ecdsa", "");
        otherCa = read(Path.of(otherCaKey + ".pub"));
        valid = certify(caKey, host, true, List.of(NAME, "db-01"), Optional.of("-5m:+1h"));
        expired = certify(caKey, host, true, List.of(NAME), Optional.of("20200101:20200102"));
        future = certify(caKey, host, true, List.of(NAME), Optional.of("+1d:+2d"));
        wrongPrincipal = certify(caKey, host, true, List.of("db-02.example.com"), Optional.empty());
        anyPrincipal = certify(caKey, host, true, List.of(), Optional.empty());
        userCertificate = certify(caKey, host, false, List.of(NAME), Optional.empty());
        otherCaCertificate = certify(otherCaKey, host, true, List.of(NAME), Optional.empty());
    }

    private static PublicKeyText read(Path file) throws Exception {
        return PublicKeyText.parse(Files.readString(file)).orElseThrow();
    }

    /** Each certificate from a copy of the host's public key, so several can exist side by side. */
    private static Certificate<?> certify(Path caKey, Path host, boolean hostCertificate, List<String> principals,
            Optional<String> validity) throws Exception {
        Path copy = Files.createTempFile(dir, "host-", ".pub");
        Files.copy(Path.of(host + ".pub"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path certificate = SshKeygen.certify(caKey, copy, "it", hostCertificate, principals, validity);
        return (Certificate<?>) read(certificate).key();
    }

    private static String line(String marker, String hosts, PublicKeyText key) {
        return (marker.isEmpty() ? "" : marker + " ") + hosts + " " + key.type() + " "
                + Base64.getEncoder().encodeToString(key.blob());
    }

    private static HostKeyVerdict judge(PublicKey offered, String... lines) {
        return HostKeyJudge.judge(KnownHosts.parse(FILE, String.join("\n", lines) + "\n"), NAME, NAME, offered,
                Instant.now());
    }

    @Test
    void aListedPlainKeyIsTrusted() {
        assertThat(judge(hostKey.key(), line("", "*.example.com", hostKey)))
                .isEqualTo(new HostKeyVerdict.Trusted("known host key (" + FILE + ":1)"));
    }

    @Test
    void revokedWinsWhetherItComesBeforeOrAfterThePlainLine() {
        HostKeyVerdict after = judge(hostKey.key(), line("", NAME, hostKey), line("@revoked", "*", hostKey));
        HostKeyVerdict before = judge(hostKey.key(), line("@revoked", "*", hostKey), line("", NAME, hostKey));
        assertThat(after).isInstanceOfSatisfying(HostKeyVerdict.Revoked.class, r -> {
            assertThat(r.what()).isEqualTo("host key");
            assertThat(r.entry().line()).isEqualTo(2);
        });
        assertThat(before).isInstanceOfSatisfying(HostKeyVerdict.Revoked.class,
                r -> assertThat(r.entry().line()).isEqualTo(1));
    }

    @Test
    void revokedAlsoWinsOverAValidCertificateAndCoversTheCertificatesKeyAndCa() {
        assertThat(judge(valid, line("@cert-authority", "*", ca), line("@revoked", "*", hostKey)))
                .isInstanceOfSatisfying(HostKeyVerdict.Revoked.class, r -> assertThat(r.what()).isEqualTo("host key"));
        assertThat(judge(valid, line("@revoked", "*", ca), line("@cert-authority", "*", ca)))
                .isInstanceOfSatisfying(HostKeyVerdict.Revoked.class,
                        r -> assertThat(r.what()).isEqualTo("certificate authority"));
    }

    @Test
    void aRevokedLineForOtherHostsDoesNotApply() {
        assertThat(judge(hostKey.key(), line("@revoked", "other.example.com", hostKey), line("", NAME, hostKey)))
                .isInstanceOf(HostKeyVerdict.Trusted.class);
    }

    @Test
    void aValidCertificateFromATrustedCaIsTrusted() {
        assertThat(judge(valid, line("@cert-authority", "*.example.com", ca)))
                .isEqualTo(new HostKeyVerdict.Trusted("certificate signed by CA " + ca.type() + " "
                        + KeyFingerprint.sha256(ca.key()) + " (" + FILE + ":1)"));
        assertThat(judge(anyPrincipal, line("@cert-authority", "*.example.com", ca)))
                .isInstanceOf(HostKeyVerdict.Trusted.class);
    }

    @Test
    void certificateRulesNameWhatIsWrong() {
        String authority = line("@cert-authority", "*.example.com", ca);
        assertThat(problem(judge(expired, authority))).startsWith("certificate expired at 2020-01-02");
        assertThat(problem(judge(future, authority))).startsWith("certificate is not valid before ");
        assertThat(problem(judge(wrongPrincipal, authority)))
                .startsWith("certificate principals [db-02.example.com] do not include " + NAME);
        assertThat(problem(judge(userCertificate, authority)))
                .startsWith("certificate is a user certificate (type 1), not a host certificate");
        assertThat(problem(judge(otherCaCertificate, authority))).startsWith("certificate signed by CA "
                + otherCa.type() + " " + KeyFingerprint.sha256(otherCa.key()) + ", which no @cert-authority line"
                + " trusts for " + NAME);
    }

    @Test
    void aCertificateWithATamperedFieldFailsItsSignature() throws Exception {
        byte[] blob = KeyFingerprint.blob(valid);
        // flip a bit of the nonce, the field after the type string and the nonce's own length
        blob[4 + new net.schmizz.sshj.common.Buffer.PlainBuffer(blob).readString().length() + 4] ^= 1;
        PublicKey tampered = new net.schmizz.sshj.common.Buffer.PlainBuffer(blob).readPublicKey();
        assertThat(problem(judge(tampered, line("@cert-authority", "*", ca))))
                .startsWith("certificate signature does not verify with the CA key it names");
    }

    @Test
    void anInvalidCertificateFallsBackToTheKnownPlainKeyLikeOpenSsh() {
        assertThat(judge(expired, line("@cert-authority", "*", ca), line("", NAME, hostKey)))
                .isInstanceOf(HostKeyVerdict.Trusted.class);
    }

    @Test
    void aCertificateFromAHostNoCaCoversIsJudgedByItsPlainKey() {
        assertThat(judge(valid, line("@cert-authority", "*.other.org", ca)))
                .isEqualTo(new HostKeyVerdict.Unknown(Optional.empty()));
        assertThat(judge(valid, line("", NAME, hostKey))).isInstanceOf(HostKeyVerdict.Trusted.class);
    }

    @Test
    void otherKeysForTheHostMeanChangedAndNoLineMeansUnknown() {
        assertThat(judge(hostKey.key(), line("", NAME, otherKey))).isInstanceOfSatisfying(
                HostKeyVerdict.Changed.class, c -> assertThat(c.known()).extracting(KnownHostsEntry::line)
                        .containsExactly(1));
        assertThat(judge(hostKey.key(), line("", "other.example.com", otherKey)))
                .isEqualTo(new HostKeyVerdict.Unknown(Optional.empty()));
    }

    @Test
    void certificateAlgorithmsArePreferredWhereACaLineNamesTheHost() {
        KnownHosts known = KnownHosts.parse(FILE, line("@cert-authority", "*.example.com", ca) + "\n"
                + line("", "db-02.other.org", hostKey) + "\n" + line("", "db-03.other.org", otherCa) + "\n");
        assertThat(HostKeyJudge.preferredAlgorithms(known, NAME)).startsWith("ssh-ed25519-cert-v01@openssh.com")
                .doesNotContain("ssh-ed25519");
        assertThat(HostKeyJudge.preferredAlgorithms(known, "db-02.other.org")).containsExactly("ssh-ed25519");
        assertThat(HostKeyJudge.preferredAlgorithms(known, "db-03.other.org"))
                .containsExactly("ecdsa-sha2-nistp256");
    }

    @Test
    void offPort22TheBareNameIsConsultedOnlyWhenNoLineNamesTheHostAndPort() {
        String port = "[" + NAME + "]:2222";
        KnownHosts bareOnly = KnownHosts.parse(FILE, line("", NAME, hostKey) + "\n");
        assertThat(HostKeyJudge.judge(bareOnly, NAME, 2222, hostKey.key(), Instant.now()))
                .isEqualTo(new HostKeyVerdict.Trusted("known host key (" + FILE + ":1), listed as " + NAME
                        + " without the port"));
        KnownHosts changed = KnownHosts.parse(FILE, line("", port, otherKey) + "\n" + line("", NAME, hostKey) + "\n");
        assertThat(HostKeyJudge.judge(changed, NAME, 2222, hostKey.key(), Instant.now()))
                .isInstanceOf(HostKeyVerdict.Changed.class);
        KnownHosts revoked = KnownHosts.parse(FILE, line("@revoked", port, hostKey) + "\n"
                + line("", NAME, hostKey) + "\n");
        assertThat(HostKeyJudge.judge(revoked, NAME, 2222, hostKey.key(), Instant.now()))
                .isInstanceOf(HostKeyVerdict.Revoked.class);
        KnownHosts bareCa = KnownHosts.parse(FILE, line("@cert-authority", NAME, ca) + "\n");
        assertThat(HostKeyJudge.judge(bareCa, NAME, 2222, valid, Instant.now()))
                .isInstanceOf(HostKeyVerdict.Trusted.class);
        assertThat(HostKeyJudge.judge(bareOnly, NAME, 22, otherKey.key(), Instant.now()))
                .isInstanceOf(HostKeyVerdict.Changed.class);
    }

    @Test
    void unreadableLinesAreSkippedAndNamed() {
        KnownHosts known = KnownHosts.parse(FILE, "# comment\n\n@bogus * " + hostKey.type() + " AAAA\n"
                + NAME + " ssh-ed25519 not-base64\n" + line("", NAME, hostKey) + "\n");
        assertThat(known.entries()).singleElement().extracting(KnownHostsEntry::line).isEqualTo(5);
        assertThat(known.skipped()).containsExactly(FILE + ":3: unknown marker @bogus",
                FILE + ":4: unreadable ssh-ed25519 key");
    }

    private static String problem(HostKeyVerdict verdict) {
        assertThat(verdict).isInstanceOf(HostKeyVerdict.Unknown.class);
        return ((HostKeyVerdict.Unknown) verdict).certificateProblem().orElseThrow();
    }
}
