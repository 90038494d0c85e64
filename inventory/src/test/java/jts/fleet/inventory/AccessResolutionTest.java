package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.source.InventoryException;

/** The OpenSSH client settings of each host: inventory keys first, then ssh_config, then defaults; with origins. */
class AccessResolutionTest {
    private static final Path HOME = TestInventories.HOME;

    @TempDir
    Path dir;

    private Inventory load(String yaml) throws InventoryException {
        return TestInventories.loader().loadFromString(yaml, "fleet.yaml");
    }

    private Inventory loadWith(SshConfigOptions options, String yaml) throws InventoryException {
        return new InventoryLoader(dir, HOME, "tester", dir.resolve("etc/inventory.yaml"), options)
                .loadFromString(yaml, "fleet.yaml");
    }

    @Test
    void everyAccessKeyFillsSshAccessWithHostOverGroupOverDefaults() throws InventoryException {
        Inventory inv = load("""
                defaults:
                  identity_agent: ~/.agent.sock
                  identities_only: true
                  connect_timeout: 4s
                hosts:
                  db-01:
                    address: 10.0.0.1
                    groups: [prod]
                    identity_file: [~/.ssh/db, /etc/jts/keys/db]
                    certificate_file: ~/.ssh/db-cert.pub
                    strict_host_key_checking: accept-new
                groups:
                  prod:
                    vars:
                      identity_agent: none
                      keepalive_interval: 30s
                      proxy_jump: ops@bastion.example.com:2222
                """);
        HostSpec db = inv.host("db-01").orElseThrow();
        SshAccess a = db.access();
        assertThat(a.identityFiles()).containsExactly(HOME.resolve(".ssh/db"), Path.of("/etc/jts/keys/db"));
        assertThat(db.identityFile()).contains(HOME.resolve(".ssh/db"));
        assertThat(a.identityAgent()).contains("none");
        assertThat(a.identitiesOnly()).isTrue();
        assertThat(a.certificateFiles()).containsExactly(HOME.resolve(".ssh/db-cert.pub"));
        assertThat(a.strictHostKeys()).contains("accept-new");
        assertThat(a.connectTimeout()).contains(Duration.ofSeconds(4));
        assertThat(a.keepAliveInterval()).contains(Duration.ofSeconds(30));
        assertThat(a.proxyJump()).containsExactly(
                new JumpHost("ops@bastion.example.com:2222", "bastion.example.com", 2222, "ops", List.of()));
        assertThat(a.otherKnownHosts()).containsExactly(Path.of("/etc/ssh/ssh_known_hosts"),
                Path.of("/etc/ssh/ssh_known_hosts2"));

        AccessExplanation why = inv.explain("db-01").orElseThrow();
        assertThat(why.setting("identity_agent").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:15 groups.prod.vars.identity_agent");
        assertThat(why.setting("identities_only").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:3 defaults.identities_only");
        assertThat(why.setting("identity_file").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:9 hosts.db-01.identity_file");
        assertThat(why.setting("port").orElseThrow().origin().describe()).isEqualTo("default: 22");
        assertThat(why.setting("user").orElseThrow().value()).isEqualTo("tester");
    }

    @Test
    void aHostThatIsJustANameIsReachedByThatName() throws InventoryException {
        Inventory inv = load("hosts:\n  Bar-Target: {}\n  other:\n  mixed: {address: DB-07.Prod.Example.COM}\n");
        assertThat(inv.host("mixed").orElseThrow().address()).as("like ssh: known_hosts has lower case")
                .isEqualTo("db-07.prod.example.com");
        HostSpec bar = inv.host("Bar-Target").orElseThrow();
        assertThat(bar.address()).isEqualTo("bar-target"); // lower-cased like ssh does
        assertThat(bar.port()).isEqualTo(22);
        assertThat(bar.user()).isEqualTo("tester");
        assertThat(bar.access().proxyJump()).isEmpty();
        assertThat(inv.explain("Bar-Target").orElseThrow().setting("address").orElseThrow().origin())
                .isEqualTo(Origin.byDefault("the host's name"));
        assertThat(inv.host("other").orElseThrow().address()).isEqualTo("other");
    }

    @Test
    void aHopNamingAnInventoryHostTakesItsAddressUserPortKeysAndItsOwnJumps() throws InventoryException {
        Inventory inv = load("""
                hosts:
                  outer:
                    address: 198.51.100.7
                    user: gate
                    identity_file: ~/.ssh/outer
                  bastion:
                    address: 10.0.0.5
                    port: 2200
                    user: ops
                    identity_file: ~/.ssh/bastion
                    proxy_jump: outer
                  inner:
                    address: 10.0.1.5
                    proxy_jump: none
                  db-01:
                    address: 10.0.2.1
                    proxy_jump: bastion,admin@inner:2022
                """);
        assertThat(inv.host("db-01").orElseThrow().access().proxyJump()).containsExactly(
                new JumpHost("outer", "198.51.100.7", 22, "gate", List.of(HOME.resolve(".ssh/outer"))),
                new JumpHost("bastion", "10.0.0.5", 2200, "ops", List.of(HOME.resolve(".ssh/bastion"))),
                new JumpHost("admin@inner:2022", "10.0.1.5", 2022, "admin", List.of()));
        assertThat(inv.host("inner").orElseThrow().access().proxyJump()).isEmpty();
        AccessExplanation why = inv.explain("db-01").orElseThrow();
        assertThat(why.settings()).extracting(ExplainedSetting::setting).containsSubsequence("proxy_jump",
                "proxy_jump[1]", "proxy_jump[2]", "proxy_jump[3]");
        assertThat(why.setting("proxy_jump[2]").orElseThrow().value())
                .isEqualTo("bastion (inventory host) = ops@10.0.0.5:2200");
        assertThat(why.setting("proxy_jump[2]").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:7 hosts.bastion.address");
    }

    @Test
    void aJumpLoopIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> load("""
                hosts:
                  a: {address: 10.0.0.1, proxy_jump: b}
                  b: {address: 10.0.0.2, proxy_jump: a}
                """)).isInstanceOf(InventoryException.class)
                .hasMessage("fleet.yaml:3 hosts.b.proxy_jump: proxy_jump loop: a -> b -> a\n"
                        + "fleet.yaml:2 hosts.a.proxy_jump: proxy_jump loop: b -> a -> b");
    }

    @Test
    void aJumpHostThatIsALocalHostIsRefused() {
        assertThatThrownBy(() -> load("""
                hosts:
                  here: {connection: local}
                  db: {address: 10.0.0.2, proxy_jump: here}
                """)).isInstanceOf(InventoryException.class)
                .hasMessageContaining("fleet.yaml:3 hosts.db.proxy_jump: jump host here is an inventory host with "
                        + "connection: local");
    }

    @Test
    void sshConfigFillsWhatTheInventoryLeavesOpenAndInventoryValuesWin() throws IOException, InventoryException {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, """
                Host bastion
                  HostName bastion.example.com
                  User ops
                  IdentityFile ~/.ssh/ops_%r

                Host bar-target db-*
                  HostName %h.internal
                  User jts
                  Port 2022
                  IdentityFile ~/.ssh/jts
                  IdentityFile %d/.ssh/jts-%h
                  ProxyJump bastion
                  IdentitiesOnly yes
                  StrictHostKeyChecking no
                  ServerAliveInterval 20
                  UserKnownHostsFile ~/.ssh/known_hosts.fleet ~/.ssh/known_hosts
                Host *
                  ForwardAgent no
                  Frobnicate yes
                """);
        Inventory inv = load("""
                defaults:
                  ssh_config: %s
                hosts:
                  bar-target: {}
                  db-01:
                    address: 10.0.2.1
                    user: admin
                """.formatted(config));
        HostSpec bar = inv.host("bar-target").orElseThrow();
        assertThat(bar).extracting(HostSpec::address, HostSpec::port, HostSpec::user)
                .containsExactly("bar-target.internal", 2022, "jts");
        assertThat(bar.access().identityFiles()).containsExactly(HOME.resolve(".ssh/jts"),
                HOME.resolve(".ssh/jts-bar-target.internal"));
        assertThat(bar.access().proxyJump()).containsExactly(new JumpHost("bastion", "bastion.example.com", 22, "ops",
                List.of(HOME.resolve(".ssh/ops_ops"))));
        assertThat(bar.access().identitiesOnly()).isTrue();
        assertThat(bar.access().strictHostKeys()).contains("accept-new");
        assertThat(bar.access().keepAliveInterval()).contains(Duration.ofSeconds(20));
        assertThat(bar.knownHosts()).contains(HOME.resolve(".ssh/known_hosts.fleet"));
        assertThat(bar.access().otherKnownHosts()).startsWith(HOME.resolve(".ssh/known_hosts"));

        HostSpec db = inv.host("db-01").orElseThrow();
        assertThat(db).extracting(HostSpec::address, HostSpec::port, HostSpec::user)
                .containsExactly("10.0.2.1", 2022, "admin");
        assertThat(db.access().identityFiles()).containsExactly(HOME.resolve(".ssh/jts"),
                HOME.resolve(".ssh/jts-10.0.2.1"));

        AccessExplanation why = inv.explain("bar-target").orElseThrow();
        assertThat(why.setting("address").orElseThrow().origin().describe()).isEqualTo(config + ":7 HostName");
        assertThat(why.setting("port").orElseThrow().origin()).isEqualTo(new Origin(Origin.Kind.SSH_CONFIG,
                config.toString(), 9, "Port"));
        assertThat(why.setting("ssh_config").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:2 defaults.ssh_config");
        assertThat(why.setting("identities_only").orElseThrow().value()).as("as the key and the default show it")
                .isEqualTo("true");
        assertThat(why.notes()).contains(config + ":19: unknown keyword 'Frobnicate' ignored",
                config + ":14: StrictHostKeyChecking no: jts-fleet records unknown keys (accept-new) but never "
                        + "accepts a changed key");
        assertThat(inv.explain("db-01").orElseThrow().setting("user").orElseThrow().origin().describe())
                .isEqualTo("fleet.yaml:7 hosts.db-01.user");
        assertThat(inv.inputs()).contains(config);
    }

    @Test
    void theCommandLineChoiceOfSshConfigWinsOverTheInventorys() throws IOException, InventoryException {
        Path config = dir.resolve("cli_config");
        Files.writeString(config, "Host web\n  Port 2201\n");
        Path other = dir.resolve("other_config");
        Files.writeString(other, "Host web\n  Port 2202\n");
        SshConfigOptions options = SshConfigOptions.nothing(SshEnvironment.of(HOME, "tester"))
                .withOverride(config.toString());
        Inventory inv = loadWith(options, "hosts:\n  web: {ssh_config: " + other + "}\n");
        assertThat(inv.host("web").orElseThrow().port()).isEqualTo(2201);
        assertThat(inv.explain("web").orElseThrow().setting("ssh_config").orElseThrow().origin())
                .isEqualTo(Origin.commandLine("--ssh-config"));
        Inventory none = loadWith(options.withOverride("none"), "hosts:\n  web: {ssh_config: " + other + "}\n");
        assertThat(none.host("web").orElseThrow().port()).isEqualTo(22);
    }

    @Test
    void proxyCommandInSshConfigIsRefusedUnlessTheInventorySetsTheJump() throws IOException, InventoryException {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host db\n  ProxyCommand ssh -W %h:%p bastion\n");
        assertThatThrownBy(() -> load("hosts:\n  db: {ssh_config: " + config + "}\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessage(config + ":2: ProxyCommand applies to db, and jts-fleet runs no local commands: write "
                        + "ProxyJump BASTION instead of ProxyCommand ssh -W %h:%p BASTION, or set proxy_jump for the "
                        + "host in the inventory");
        Inventory inv = load("hosts:\n  db: {ssh_config: " + config + ", proxy_jump: ops@10.0.0.5}\n");
        assertThat(inv.host("db").orElseThrow().access().proxyJump()).extracting(JumpHost::address)
                .containsExactly("10.0.0.5");
    }

    @Test
    void aMissingSshConfigFileNamedByTheInventoryIsAnError() {
        assertThatThrownBy(() -> load("hosts:\n  db: {ssh_config: " + dir.resolve("absent") + "}\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessage(dir.resolve("absent") + ": ssh_config file not found");
    }

    @Test
    void localHostsIgnoreSshConfig() throws InventoryException {
        Inventory inv = load("defaults: {ssh_config: /nonexistent/config}\nhosts:\n  here: {connection: local}\n");
        assertThat(inv.host("here").orElseThrow().address()).isEqualTo("localhost");
        assertThat(inv.host("here").orElseThrow().access()).isEqualTo(SshAccess.DEFAULT);
        assertThat(inv.explain("here").orElseThrow().setting("connection").orElseThrow().value()).isEqualTo("local");
    }

    @Test
    void environmentVariablesAndTheAgentKeywordFollowOpenSsh() throws IOException, InventoryException {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, """
                Host a
                  IdentityAgent $AGENT_SOCK
                Host b
                  IdentityAgent SSH_AUTH_SOCK
                Host c
                  IdentityAgent ${XDG_RUNTIME_DIR}/agent-%u.sock
                Host d
                  IdentityAgent $UNSET_AGENT
                """);
        SshEnvironment env = new SshEnvironment(HOME, "tester", 1000, "ws1.example.com",
                Map.of("AGENT_SOCK", "/run/agent.sock", "XDG_RUNTIME_DIR", "/run/user/1000"));
        Inventory inv = loadWith(SshConfigOptions.nothing(env), """
                defaults: {ssh_config: %s}
                hosts: {a: {}, b: {}, c: {}, d: {}}
                """.formatted(config));
        assertThat(inv.host("a").orElseThrow().access().identityAgent()).contains("/run/agent.sock");
        assertThat(inv.host("b").orElseThrow().access().identityAgent()).isEmpty();
        assertThat(inv.host("c").orElseThrow().access().identityAgent()).contains("/run/user/1000/agent-tester.sock");
        assertThat(inv.host("d").orElseThrow().access().identityAgent()).contains(SshAccess.NO_AGENT);
        assertThat(inv.host("a").orElseThrow().access().identitiesOnly()).isFalse();
        assertThat(Optional.of(inv.explain("d").orElseThrow().notes())).hasValueSatisfying(n ->
                assertThat(n).anyMatch(t -> t.contains("$UNSET_AGENT is not set: no agent")));
    }
}
