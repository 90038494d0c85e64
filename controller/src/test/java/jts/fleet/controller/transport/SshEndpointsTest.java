package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.auth.AgentSocket;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.JumpHost;
import jts.fleet.inventory.SshAccess;

/** The precedence rules between the command line, a host's ssh_config values and jts-fleet's defaults. */
class SshEndpointsTest {
    private static final Path HOME = Path.of("/home/ops");
    private static final Map<String, String> ENV = Map.of("SSH_AUTH_SOCK", "/run/user/1000/agent.sock");

    private static HostSpec host(Optional<Path> identity, Optional<Path> knownHosts, SshAccess access) {
        return new HostSpec("db-01", HostSpec.Connection.SSH, "10.1.0.11", 2222, "jts", identity, knownHosts,
                HostSpec.Become.SUDO, List.of("prod"), Optional.empty(), SshdFixture.emptyPolicy(), access);
    }

    private static SshAccess access(Optional<String> strict, Optional<Duration> connect, List<JumpHost> hops) {
        return new SshAccess(List.of(), Optional.empty(), true, List.of(), hops, strict, connect,
                Optional.of(Duration.ofSeconds(5)), List.of(Path.of("/etc/ssh/ssh_known_hosts")));
    }

    @Test
    void aHostWithNothingSetUsesTheAgentTheDefaultFilesAndHomeKnownHosts() {
        SshEndpoint target = new SshEndpoints(SshOptions.defaults(), ENV, HOME)
                .target(host(Optional.empty(), Optional.empty(), SshAccess.DEFAULT));
        assertThat(target.identities().identityFiles()).containsExactly(HOME.resolve(".ssh/id_ed25519"),
                HOME.resolve(".ssh/id_ecdsa"), HOME.resolve(".ssh/id_rsa"));
        assertThat(target.identities().defaultFiles()).isTrue();
        assertThat(target.identities().agent()).contains(new AgentSocket(Path.of("/run/user/1000/agent.sock"),
                "SSH_AUTH_SOCK"));
        assertThat(target.knownHosts()).isEqualTo(HOME.resolve(".ssh/known_hosts"));
        assertThat(target.acceptNew()).isFalse();
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(target.keepAlive()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theInventoryIdentityFileAndKnownHostsAreUsed() {
        HostSpec host = host(Optional.of(Path.of("/keys/fleet")), Optional.of(Path.of("/etc/fleet/known_hosts")),
                SshAccess.DEFAULT);
        SshEndpoint own = new SshEndpoints(SshOptions.defaults(), ENV, HOME).target(host);
        assertThat(own.identities().identityFiles()).containsExactly(Path.of("/keys/fleet"));
        assertThat(own.identities().defaultFiles()).isFalse();
        assertThat(own.knownHosts()).isEqualTo(Path.of("/etc/fleet/known_hosts"));
    }

    @Test
    void sshConfigAcceptNewAndConnectTimeoutApplyUnlessTheCommandLineSaysOtherwise() {
        HostSpec host = host(Optional.empty(), Optional.empty(),
                access(Optional.of("accept-new"), Optional.of(Duration.ofSeconds(3)), List.of()));
        SshEndpoint fromConfig = new SshEndpoints(SshOptions.defaults(), ENV, HOME).target(host);
        assertThat(fromConfig.acceptNew()).isTrue();
        assertThat(fromConfig.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromConfig.keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromConfig.otherKnownHosts()).containsExactly(Path.of("/etc/ssh/ssh_known_hosts"));
        SshEndpoint explicit = new SshEndpoints(SshOptions.defaults().withExplicitConnectTimeout(Duration.ofSeconds(30)),
                ENV, HOME).target(host);
        assertThat(explicit.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        SshEndpoint strict = new SshEndpoints(SshOptions.defaults(), ENV, HOME).target(host(Optional.empty(),
                Optional.empty(), access(Optional.of("yes"), Optional.empty(), List.of())));
        assertThat(strict.acceptNew()).isFalse();
        SshEndpoint ask = new SshEndpoints(SshOptions.defaults(), ENV, HOME).target(host(Optional.empty(),
                Optional.empty(), access(Optional.of("ask"), Optional.empty(), List.of())));
        assertThat(ask.acceptNew()).as("jts-fleet never prompts for host keys").isFalse();
    }

    @Test
    void hopsAreReachedInOrderCheckedAgainstTheHostsKnownHostsWithTheirOwnKeys() {
        JumpHost outer = new JumpHost("bastion", "10.0.0.5", 22, "ops", List.of(Path.of("/keys/bastion")));
        JumpHost inner = new JumpHost("ops@inner:2222", "10.9.0.1", 2222, "ops", List.of());
        HostSpec host = host(Optional.of(Path.of("/keys/fleet")), Optional.of(Path.of("/etc/fleet/known_hosts")),
                access(Optional.of("accept-new"), Optional.empty(), List.of(outer, inner)));
        List<SshEndpoint> hops = new SshEndpoints(SshOptions.defaults(), ENV, HOME).hops(host);
        assertThat(hops).extracting(SshEndpoint::who).containsExactly("jump host bastion (ops@10.0.0.5:22)",
                "jump host ops@inner:2222 (ops@10.9.0.1:2222)");
        assertThat(hops.get(0).identities().identityFiles()).containsExactly(Path.of("/keys/bastion"));
        assertThat(hops.get(1).identities().defaultFiles()).isTrue();
        assertThat(hops).allSatisfy(hop -> {
            assertThat(hop.knownHosts()).isEqualTo(Path.of("/etc/fleet/known_hosts"));
            assertThat(hop.acceptNew()).isTrue();
            assertThat(hop.identities().identitiesOnly()).isTrue();
            assertThat(hop.identities().agent()).isPresent();
        });
    }

    @Test
    void identityAgentNoneOrASocketReplaceSshAuthSock() {
        SshAccess none = new SshAccess(List.of(), Optional.of("none"), false, List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
        SshEndpoint off = new SshEndpoints(SshOptions.defaults(), ENV, HOME)
                .target(host(Optional.empty(), Optional.empty(), none));
        assertThat(off.identities().agent()).isEmpty();
        assertThat(off.identities().noAgentReason()).isEqualTo("agent turned off (identity_agent none)");
        SshAccess socket = new SshAccess(List.of(), Optional.of("~/.1password/agent.sock"), false, List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        SshEndpoint own = new SshEndpoints(SshOptions.defaults(), ENV, HOME)
                .target(host(Optional.empty(), Optional.empty(), socket));
        assertThat(own.identities().agent()).contains(new AgentSocket(HOME.resolve(".1password/agent.sock"),
                "identity_agent"));
        SshEndpoint unset = new SshEndpoints(SshOptions.defaults(), Map.of(), HOME)
                .target(host(Optional.empty(), Optional.empty(), SshAccess.DEFAULT));
        assertThat(unset.identities().noAgentReason()).isEqualTo("no agent (SSH_AUTH_SOCK unset)");
    }
}
