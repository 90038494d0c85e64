package jts.fleet.controller.transport.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;

/** known_hosts host fields match as OpenSSH's match_hostname does. */
class HostPatternsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "db.example.com                      | db.example.com          | true",
            "DB.Example.COM                      | db.example.com          | true",
            "*.example.com                       | db-01.example.com       | true",
            "*.example.com                       | example.com             | false",
            "*.example.com                       | db.example.com.evil.org | false",
            "db-0?                               | db-01                   | true",
            "db-0?                               | db-010                  | false",
            "*.example.com,!bad.example.com      | good.example.com        | true",
            "*.example.com,!bad.example.com      | bad.example.com         | false",
            "!bad.example.com,*.example.com      | bad.example.com         | false",
            "!bad.example.com                    | good.example.com        | false",
            "a.example.com,b.example.com         | b.example.com           | true",
            "[10.0.0.5]:2222                     | [10.0.0.5]:2222         | true",
            "10.0.0.5                            | [10.0.0.5]:2222         | false",
            "[10.0.0.5]:2222                     | 10.0.0.5                | false",
            "[10.0.0.*]:2222                     | [10.0.0.17]:2222        | true",
            "[10.0.0.*]:2222                     | [10.0.0.17]:22          | false",
            "*                                   | [127.0.0.1]:40022       | true",
            "*,![127.0.0.1]:40022                | [127.0.0.1]:40022       | false",
            "*,![127.0.0.1]:40022                | [127.0.0.1]:40023       | true",
            "**                                  | anything                | true",
    })
    void matchesLikeOpenSsh(String field, String name, boolean expected) {
        assertThat(new HostPatterns(field).matches(name)).isEqualTo(expected);
    }

    @Test
    void hashedNamesMatchWhatSshKeygenHashed() throws Exception {
        Environment.requireTool("ssh-keygen");
        Path key = SshdFixture.generateKey(temp.resolve("host"), "ed25519");
        String publicKey = Files.readString(Path.of(key + ".pub")).trim();
        Path file = temp.resolve("known_hosts");
        Files.writeString(file, "db-01.example.com " + publicKey + "\n[10.0.0.5]:2222 " + publicKey + "\n");
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", file.toString()).redirectErrorStream(true).start();
        hash.getInputStream().readAllBytes();
        assertThat(hash.waitFor(10, TimeUnit.SECONDS) && hash.exitValue() == 0).isTrue();
        String[] lines = Files.readString(file).split("\n");
        HostPatterns first = new HostPatterns(lines[0].split(" ")[0]);
        HostPatterns second = new HostPatterns(lines[1].split(" ")[0]);
        assertThat(first.hashed()).isTrue();
        assertThat(first.matches("db-01.example.com")).isTrue();
        assertThat(first.matches("DB-01.example.com")).isTrue();
        assertThat(first.matches("db-02.example.com")).isFalse();
        assertThat(second.matches("[10.0.0.5]:2222")).isTrue();
        assertThat(second.matches("10.0.0.5")).isFalse();
    }

    @Test
    void aMalformedHashNamesNoHost() {
        assertThat(new HostPatterns("|1|not-base64|!!").matches("db")).isFalse();
        assertThat(new HostPatterns("|1|onlysalt").matches("db")).isFalse();
    }
}
