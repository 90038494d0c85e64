package jts.fleet.controller.transport.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.testing.Command;
import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.controller.transport.SshjProcess;
import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.controller.transport.keys.LazyBouncyCastle;
import jts.fleet.controller.transport.keys.PublicKeyText;
import jts.fleet.remote.testing.Environment;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;

/** Identity files as ssh-keygen writes them: what is offered before decryption, passphrases, OpenSSH's mode check. */
class KeyRingTest {
    private static final String PASSPHRASE = "s3cret phrase";

    /** The process's (sshj on the JDK's providers, as every run has it), not a new DefaultConfig's. */
    private static final List<Factory.Named<FileKeyProvider>> KEY_FORMATS =
            SshjProcess.config().getFileKeyProviderFactories();

    @TempDir
    Path temp;

    private static KeyRing ring(PassphrasePrompt prompt, java.util.function.Consumer<String> warnings, String user) {
        return new KeyRing(prompt, warnings, user, KEY_FORMATS);
    }

    @BeforeEach
    void tools() {
        Environment.requireTool("ssh-keygen");
    }

    private static String fingerprintOfPub(Path key) throws Exception {
        return KeyFingerprint.sha256(PublicKeyText.parse(Files.readString(Path.of(key + ".pub"))).orElseThrow().key());
    }

    @Test
    void anEncryptedKeyOffersItsPublicKeyWithoutAPassphraseEvenWithoutPub() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_enc"), "ed25519", PASSPHRASE);
        String fingerprint = fingerprintOfPub(key);
        Files.delete(Path.of(key + ".pub"));
        AtomicInteger asked = new AtomicInteger();
        KeyRing ring = ring(prompt -> {
            asked.incrementAndGet();
            return Optional.empty();
        }, line -> { }, System.getProperty("user.name"));
        IdentityFile file = ring.inspect(key);
        assertThat(file.problem()).isEmpty();
        assertThat(file.encrypted()).isTrue();
        assertThat(KeyFingerprint.sha256(file.publicKey().orElseThrow())).isEqualTo(fingerprint);
        assertThat(asked).hasValue(0);
    }

    @Test
    void thePassphraseIsAskedOnceAndTheKeyKeptForTheRun() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_enc"), "ed25519", PASSPHRASE);
        List<String> prompts = new ArrayList<>();
        KeyRing ring = ring(prompt -> {
            prompts.add(prompt);
            return Optional.of(PASSPHRASE.toCharArray());
        }, line -> { }, System.getProperty("user.name"));
        assertThat(ring.keyPair(key)).isPresent();
        assertThat(ring.keyPair(key)).isPresent();
        assertThat(ring.loaded(key)).isTrue();
        assertThat(prompts).containsExactly("Enter passphrase for key '" + key + "': ");
    }

    /**
     * A key file encrypted with chacha20-poly1305 ({@code ssh-keygen -Z}), a cipher only BouncyCastle's provider has,
     * which a run adds only when something needs it: decrypting such a file adds it first (it was reported as a wrong
     * passphrase when the provider was missing).
     */
    @Test
    void aKeyFileEncryptedWithChaCha20DecryptsWithoutBouncyCastleRegisteredBefore() throws Exception {
        Path key = temp.resolve("id_chacha");
        Command.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-Z",
                "chacha20-poly1305@openssh.com", "-C", "jts-fleet-test", "-f", key.toString()));
        Security.removeProvider("BC");
        try {
            KeyRing ring = ring(prompt -> Optional.of(PASSPHRASE.toCharArray()), line -> { },
                    System.getProperty("user.name"));
            assertThat(ring.keyPair(key)).as(ring.failure(key)).isPresent();
            assertThat(Security.getProvider("BC")).as("added for the file's cipher").isNotNull();
        } finally {
            LazyBouncyCastle.add(); // as it was for the tests after this one, whatever happened
        }
    }

    @Test
    void withoutATerminalTheFailureNamesTheAgentAsTheWayOut() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_enc"), "ed25519", PASSPHRASE);
        KeyRing ring = ring(PassphrasePrompt.NONE, line -> { }, System.getProperty("user.name"));
        assertThat(ring.keyPair(key)).isEmpty();
        assertThat(ring.failure(key)).isEqualTo("encrypted, and there is no terminal to ask for its passphrase:"
                + " load it into ssh-agent (ssh-add " + key + ") or run on a terminal");
    }

    @Test
    void anEmptyAnswerSkipsTheKeyAtOnce() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_enc"), "ed25519", PASSPHRASE);
        AtomicInteger asked = new AtomicInteger();
        KeyRing ring = ring(prompt -> {
            asked.incrementAndGet();
            return Optional.of(new char[0]);
        }, line -> { }, System.getProperty("user.name"));
        assertThat(ring.keyPair(key)).isEmpty();
        assertThat(ring.failure(key)).isEqualTo("no passphrase given");
        assertThat(asked).hasValue(1);
    }

    @Test
    void aLegacyEncryptedPemKeyWithoutPubNeedsTheKeyFirst() throws Exception {
        Path key = temp.resolve("id_pem");
        Command.run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", PASSPHRASE, "-f",
                key.toString()));
        Files.delete(Path.of(key + ".pub"));
        KeyRing ring = ring(prompt -> Optional.of(PASSPHRASE.toCharArray()), line -> { },
                System.getProperty("user.name"));
        IdentityFile file = ring.inspect(key);
        assertThat(file.encrypted()).isTrue();
        assertThat(file.publicKey()).isEmpty();
        assertThat(ring.keyPair(key)).isPresent();
    }

    @Test
    void aKeyOthersCanReadIsRefusedLikeOpenSshAndWarnedAboutOnce() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_loose"), "ed25519", "");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new ArrayList<>();
        KeyRing ring = ring(PassphrasePrompt.NONE, warnings::add, System.getProperty("user.name"));
        String problem = "UNPROTECTED PRIVATE KEY FILE: permissions 0644 are too open (a private key must not be"
                + " accessible by group or others); it is ignored: chmod 600 " + key;
        assertThat(ring.inspect(key).problem()).contains(problem);
        assertThat(ring.inspect(key).problem()).contains(problem);
        assertThat(warnings).containsExactly(key + ": " + problem);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(ring.inspect(key).problem()).as("fixed by chmod during the run").isEmpty();
    }

    @Test
    void anotherUsersKeyIsNotJudgedByItsMode() throws Exception {
        Path key = SshKeygen.generate(temp.resolve("id_shared"), "ed25519", "");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        KeyRing ring = ring(PassphrasePrompt.NONE, line -> { }, "somebody-else");
        assertThat(ring.inspect(key).problem()).isEmpty();
    }

    @Test
    void missingFilesAndCertificatesBesideTheKeyAreReported() throws Exception {
        KeyRing ring = ring(PassphrasePrompt.NONE, line -> { }, System.getProperty("user.name"));
        assertThat(ring.inspect(temp.resolve("nope")).problem()).contains("does not exist");
        Path ca = SshKeygen.generate(temp.resolve("ca"), "ed25519", "");
        Path key = SshKeygen.generate(temp.resolve("id_cert"), "ed25519", "");
        SshKeygen.certify(ca, Path.of(key + ".pub"), "me", false, List.of("jts"), Optional.empty());
        assertThat(ring.inspect(key).certificate()).isPresent();
    }
}
