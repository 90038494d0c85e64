package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Which crypto a cold {@code status} over SSH starts, in a child JVM that logs the classes it loads (a JVM that ran
 * other tests may have BouncyCastle registered already): the JDK's providers for a server that offers AES-GCM or
 * AES-CTR, BouncyCastle's added only for a server that offers nothing but chacha20-poly1305. Every host is reached
 * and its host key checked either way.
 */
class CryptoProvidersIT {
    private static final String BOUNCY_CASTLE_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    @Sshd
    static SshdFixture openSshDefaults;
    @Sshd(config = "Ciphers aes128-ctr\nMACs hmac-sha2-256-etm@openssh.com")
    static SshdFixture ctrOnly;
    @Sshd(config = "Ciphers chacha20-poly1305@openssh.com")
    static SshdFixture chachaOnly;
    @Sshd(config = "Ciphers chacha20-poly1305@openssh.com,aes128-ctr\nMACs hmac-sha2-256-etm@openssh.com")
    static SshdFixture chachaAndCtr;

    @TempDir
    Path dir;

    @Test
    void aServerWithOpenSshsDefaultsIsReachedWithoutBouncyCastlesProvider() throws Exception {
        assertThat(statusLoads(openSshDefaults, "defaults")).as("the JDK's providers serve the whole connection")
                .doesNotContain(BOUNCY_CASTLE_PROVIDER)
                .contains("com.hierynomus.sshj.transport.cipher.GcmCipher", "sun.security.ec.ed.EdDSAOperations");
    }

    @Test
    void aServerOfferingOnlyAesCtrWithHmacIsReachedWithoutBouncyCastlesProvider() throws Exception {
        assertThat(statusLoads(ctrOnly, "ctr")).doesNotContain(BOUNCY_CASTLE_PROVIDER)
                .contains("net.schmizz.sshj.transport.cipher.BlockCipher");
    }

    @Test
    void aServerOfferingOnlyChacha20Poly1305IsReachedThroughBouncyCastleAddedForIt() throws Exception {
        assertThat(statusLoads(chachaOnly, "chacha")).contains(BOUNCY_CASTLE_PROVIDER,
                "com.hierynomus.sshj.transport.cipher.ChachaPolyCipher");
    }

    @Test
    void aServerOfferingChacha20Poly1305AndAesCtrIsReachedWithTheJdksAesCtr() throws Exception {
        assertThat(statusLoads(chachaAndCtr, "chacha-ctr")).doesNotContain(BOUNCY_CASTLE_PROVIDER,
                "com.hierynomus.sshj.transport.cipher.ChachaPolyCipher")
                .contains("net.schmizz.sshj.transport.cipher.BlockCipher");
    }

    /**
     * On a JVM that cannot use BouncyCastle's provider (FIPS mode, a JCE that refuses an unsigned provider), a server
     * that offers chacha20-poly1305 and AES-CTR is reached (AES-CTR, the JDK's); one that offers only chacha20-poly1305
     * fails with an error that names the cipher and the refusal.
     */
    @Test
    void withBouncyCastleRefusedAServerOfferingAesCtrTooIsReachedAndAChachaOnlyOneFailsSayingWhy() throws Exception {
        Runnable refused = () -> {
            throw new IllegalStateException("chacha20-poly1305@openssh.com needs BouncyCastle's security provider,"
                    + " which this JVM refused (test)");
        };
        try (SSHClient client = client(chachaAndCtr, refused)) {
            client.connect(chachaAndCtr.address(), chachaAndCtr.ports().get(0));
            client.authPublickey("root", client.loadKeys(chachaAndCtr.ed25519Identity().toString()));
            assertThat(client.isAuthenticated()).isTrue();
        }
        try (SSHClient client = client(chachaOnly, refused)) {
            assertThatThrownBy(() -> client.connect(chachaOnly.address(), chachaOnly.ports().get(0)))
                    .hasStackTraceContaining("needs BouncyCastle's security provider");
        }
    }

    /** An sshj client of our algorithms that knows {@code sshd}'s host key, with {@code addBouncyCastle} for chacha. */
    private SSHClient client(SshdFixture sshd, Runnable addBouncyCastle) throws Exception {
        SSHClient client = new SSHClient(ModernAlgorithms.config(addBouncyCastle));
        client.addHostKeyVerifier(new OpenSSHKnownHosts(sshd.writeKnownHosts().toFile()));
        client.setConnectTimeout(10_000);
        client.setTimeout(10_000);
        return client;
    }

    /** Runs {@code status -o json} on the fixture's host in a child JVM; the classes it loaded. */
    private List<String> statusLoads(SshdFixture sshd, String name) throws Exception {
        Path inventory = sshd.writeInventory(dir.resolve(name + ".yaml"),
                sshd.inventoryHosts("root", false), sshd.writeKnownHosts());
        Path log = dir.resolve(name + "-classes.log");
        try (CliProcess status = CliProcess.start(dir, Optional.empty(),
                List.of("-Xlog:class+load=info:file=" + log + ":none"), "status", "--inventory",
                inventory.toString(), "--connect-timeout", "10s", "-o", "json")) {
            assertThat(status.awaitExit(Duration.ofSeconds(60))).as(status.toString()).isPresent();
            assertThat(status.out()).as(status.toString()).contains("\"status\" : \"ok\"")
                    .doesNotContain("\"status\" : \"unreachable\"");
        }
        return Files.readAllLines(log).stream().map(line -> line.split(" ")[0]).toList();
    }
}
