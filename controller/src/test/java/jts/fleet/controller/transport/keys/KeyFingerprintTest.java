package jts.fleet.controller.transport.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;
import net.schmizz.sshj.common.Buffer;

/** Our fingerprints must be exactly what {@code ssh-keygen -l} shows users. */
class KeyFingerprintTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void matchesSshKeygen(String type) throws Exception {
        Environment.requireTool("ssh-keygen");
        Path key = SshdFixture.generateKey(temp.resolve("key_" + type), type);
        Path pub = Path.of(key + ".pub");
        String[] fields = Files.readString(pub).trim().split("\\s+");
        byte[] blob = Base64.getDecoder().decode(fields[1]);

        Process keygen = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).start();
        String listed = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keygen.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // "256 SHA256:abc... comment (ED25519)"
        String expected = listed.trim().split("\\s+")[1];

        assertThat(KeyFingerprint.sha256(blob)).isEqualTo(expected);
        PublicKey parsed = new Buffer.PlainBuffer(blob).readPublicKey();
        assertThat(KeyFingerprint.describe(parsed)).isEqualTo(fields[0] + " " + expected);
    }
}
