package jts.fleet.inventory.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.source.InventoryException;

/**
 * What the ssh -G oracle cannot show: files under a home other than the real one, what jts-fleet refuses or notes
 * (Match exec, unknown keywords, unsafe files, include loops) and the token expansions.
 */
class SshConfigTest {
    @TempDir
    Path home;

    private SshEnvironment env;

    @BeforeEach
    void environment() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        long uid = ((Number) Files.getAttribute(home, "unix:uid")).longValue();
        env = new SshEnvironment(home, "ops", uid, "ws7.example.com", Map.of("FLEET", "prod"));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private SshConfigResult resolve(String host) throws InventoryException {
        return SshConfig.standard(env, Optional.of(home.resolve(".ssh/config")), Optional.empty()).resolve(host);
    }

    @Test
    void relativeIncludesAreUnderDotSshAndGlobsReadFilesInOrderSkippingHiddenOnes() throws Exception {
        write(".ssh/config", "Include config.d/*\nHost *\n  User fallback\n");
        write(".ssh/config.d/20-db", "Host db\n  User second\n  Port 2020\n");
        write(".ssh/config.d/10-db", "Host db\n  User first\n");
        write(".ssh/config.d/.swp", "Host *\n  User hidden\n");
        SshConfigResult r = resolve("db");
        assertThat(r.user("ops")).isEqualTo("first");
        assertThat(r.value("User").orElseThrow().where()).isEqualTo(home.resolve(".ssh/config.d/10-db") + ":2");
        assertThat(r.port()).isEqualTo(2020);
        assertThat(resolve("web").user("ops")).isEqualTo("fallback");
    }

    @Test
    void anIncludeLoopIsAnErrorNamingTheLine() throws Exception {
        Path config = write(".ssh/config", "Include loop.conf\n");
        write(".ssh/loop.conf", "# includes itself\nInclude ~/.ssh/loop.conf\n");
        assertThatThrownBy(() -> resolve("x")).isInstanceOf(InventoryException.class)
                .hasMessageContaining(home.resolve(".ssh/loop.conf") + ":2: Include: more than 16 nested includes");
        assertThat(config).exists();
    }

    @Test
    void aUserConfigWritableByOthersIsRefusedLikeSshRefusesIt() throws Exception {
        Path config = write(".ssh/config", "Host *\n  User x\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> resolve("x")).isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(config + ": bad owner or permissions");
        // a file named explicitly (ssh -F) is not checked, as in OpenSSH
        assertThat(SshConfig.file(env, config).resolve("x").user("ops")).isEqualTo("x");
    }

    @Test
    void matchExecIsRefusedWhereItsBlockWouldChangeTheConnection() throws Exception {
        Path config = write(".ssh/config", """
                Match host db exec "test -S /run/agent.sock"
                  IdentityAgent /run/agent.sock
                Match host web exec "on-vpn"
                  ForwardAgent yes
                Match host other exec "never-run"
                  User never
                Host *
                  User everyone
                """);
        assertThatThrownBy(() -> resolve("db")).isInstanceOf(InventoryException.class)
                .hasMessage(config + ":1: Match exec \"test -S /run/agent.sock\" applies to db unless the command says "
                        + "otherwise, and its block sets IdentityAgent (line 2): jts-fleet runs no local commands to "
                        + "decide; set the value in the inventory, or use another ssh_config (--ssh-config FILE, "
                        + "ssh_config: FILE or none)");
        SshConfigResult web = resolve("web");
        assertThat(web.user("ops")).isEqualTo("everyone");
        assertThat(web.notes()).containsExactly(config + ":3: Match exec \"on-vpn\" not run (jts-fleet runs no local "
                + "commands); its block sets nothing jts-fleet reads");
        // an earlier criterion that fails means the command is never needed (OpenSSH skips it too)
        assertThat(resolve("db2").notes()).isEmpty();
    }

    @Test
    void unknownKeywordsAreIgnoredWithANoteAndNearMissesSayDidYouMean() throws Exception {
        Path config = write(".ssh/config", """
                Host *
                  IdentityFle ~/.ssh/typo
                  UseKeychain yes
                  Frobnicate 3
                  IdentityFile ~/.ssh/real
                """);
        SshConfigResult r = resolve("x");
        assertThat(r.identityFiles()).extracting(SshConfigValue::first).containsExactly("~/.ssh/real");
        assertThat(r.notes()).containsExactly(
                config + ":2: unknown keyword 'IdentityFle' ignored (did you mean 'IdentityFile'?)",
                config + ":4: unknown keyword 'Frobnicate' ignored");
    }

    @Test
    void everyBadLineOfAFileIsReportedAtOnce() throws Exception {
        Path config = write(".ssh/config", "Host a\n  Port 0\n  User\n  ProxyJump a,,b\nMatch user\n");
        assertThatThrownBy(() -> resolve("a")).isInstanceOf(InventoryException.class)
                .satisfies(e -> assertThat(((InventoryException) e).problems()).containsExactly(
                        config + ":2: Port: bad port '0' (1..65535)",
                        config + ":3: no argument after keyword \"User\"",
                        config + ":4: ProxyJump: invalid ProxyJump \"a,,b\": hop '' has no host",
                        config + ":5: Match: missing Match criteria for user"));
    }

    @Test
    void aBadFileIncludedFromABlockThatDoesNotApplyIsStillRefused() throws Exception {
        write(".ssh/config", "Host other\n  Include bad.conf\n");
        Path bad = write(".ssh/bad.conf", "Port none\n");
        assertThatThrownBy(() -> resolve("x")).isInstanceOf(InventoryException.class)
                .hasMessage(bad + ":1: Port: bad port 'none' (1..65535)");
    }

    @Test
    void canonicalizeHostnameReadsTheFileAgainWithTheHostNameAndSaysSo() throws Exception {
        Path config = write(".ssh/config", """
                CanonicalizeHostname yes
                Host db
                  HostName DB.Prod.Example.com
                Host db.prod.example.com
                  User canonical
                """);
        SshConfigResult r = resolve("db");
        assertThat(r.user("ops")).isEqualTo("canonical");
        assertThat(r.hostName()).isEqualTo("db.prod.example.com");
        assertThat(r.notes()).anyMatch(n -> n.startsWith(config + ":1: CanonicalizeHostname: jts-fleet looks nothing "
                + "up in DNS"));
    }

    @Test
    void tokensExpandLikeOpenSsh() {
        SshTokens t = SshTokens.connection(env, "db", "db.example.com", 2222, "jts", Optional.empty());
        assertThat(t.path("~/.ssh/%r@%h:%p-%n-%u-%l-%L-%k-%%")).isEqualTo(home + "/.ssh/jts@db.example.com:2222-db-ops-"
                + "ws7.example.com-ws7-db-%");
        assertThat(t.path("%d/keys/${FLEET}/%i")).isEqualTo(home + "/keys/prod/" + env.uid());
        assertThat(t.path("/k/%C")).isEqualTo("/k/" + SshTokens.connectionHash("ws7.example.com", "db.example.com",
                "2222", "jts"));
        assertThat(SshTokens.connectionHash("a", "b", "22", "c")).hasSize(40);
        assertThatThrownBy(() -> t.path("~/.ssh/%Z")).hasMessage("'~/.ssh/%Z': unknown token %Z");
        assertThatThrownBy(() -> t.path("${NOPE}/x")).hasMessage("'${NOPE}/x': environment variable NOPE is not set");
        assertThatThrownBy(() -> t.path("~other/.ssh/id")).hasMessageContaining("~user paths are not supported");
        assertThat(t.expand("${FLEET}", false)).isEqualTo("${FLEET}");
    }

    @Test
    void keywordsArgumentsAndCommentsAreSplitLikeReadconf() throws Exception {
        SshConfigFile f = SshConfigFile.parse("""
                  # comment
                Host=a b # trailing comment
                IdentityFile "~/.ssh/with space" \t
                User = x
                LocalForward 8080 localhost:80
                """, "t");
        assertThat(f.lines()).extracting(SshConfigLine::keyword, SshConfigLine::args, SshConfigLine::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("host", java.util.List.of("a", "b"), 2),
                        org.assertj.core.groups.Tuple.tuple("identityfile", java.util.List.of("~/.ssh/with space"), 3),
                        org.assertj.core.groups.Tuple.tuple("user", java.util.List.of("x"), 4),
                        org.assertj.core.groups.Tuple.tuple("localforward", java.util.List.of("8080", "localhost:80"),
                                5));
        assertThat(f.notes()).isEmpty();
    }

    @Test
    void jumpSpecsParseLikeOpenSsh() {
        assertThat(JumpSpec.parseList("ops@b1:2222,[2001:db8::1]:22,ssh://root@b3,none@x#c"))
                .extracting(JumpSpec::user, JumpSpec::host, JumpSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of("ops"), "b1", java.util.OptionalInt.of(2222)),
                        org.assertj.core.groups.Tuple.tuple(Optional.empty(), "2001:db8::1",
                                java.util.OptionalInt.of(22)),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("root"), "b3", java.util.OptionalInt.empty()),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("none"), "x", java.util.OptionalInt.empty()));
        assertThat(JumpSpec.parseList("None")).isEmpty();
        assertThatThrownBy(() -> JumpSpec.parse("ssh://h/path")).hasMessageContaining("a path is not allowed");
        assertThatThrownBy(() -> JumpSpec.parse("h:65536")).hasMessageContaining("bad port '65536'");
        assertThatThrownBy(() -> JumpSpec.parse("h;rm -rf")).hasMessageContaining("is not a valid host name");
    }
}
