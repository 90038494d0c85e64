package jts.fleet.controller.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jts.fleet.controller.transport.auth.IdentityPlan;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.JumpHost;
import jts.fleet.inventory.SshAccess;

/**
 * Turns a host's inventory settings ({@link HostSpec}, its {@link SshAccess}) and the run's options into the
 * servers to connect to: the host itself and its {@code proxy_jump} hops, in connection order. The rules of
 * precedence live here: the command line's connect timeout over the host's {@code ConnectTimeout} over the run's
 * default; {@code --accept-new-host-keys} or the host's {@code StrictHostKeyChecking accept-new}; the run's
 * {@code --known-hosts} over the host's file over {@code ~/.ssh/known_hosts}.
 *
 * <p>A hop is checked against the host's known_hosts files and offers the host's agent, then its own identity
 * files (OpenSSH's defaults when it has none), under the host's {@code IdentitiesOnly}.
 */
final class SshEndpoints {
    private final SshOptions options;
    private final Map<String, String> environment;
    private final Path home;

    SshEndpoints(SshOptions options, Map<String, String> environment, Path home) {
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    SshEndpoint target(HostSpec host) {
        SshAccess access = host.access();
        List<Path> files = !access.identityFiles().isEmpty() ? access.identityFiles()
                : host.identityFile().map(List::of).orElse(List.of());
        IdentityPlan identities = IdentityPlan.of(files, access.identityAgent(), access.identitiesOnly(),
                access.certificateFiles(), environment, home);
        return new SshEndpoint(host.name(), host.address(), host.port(), host.user(), identities, knownHosts(host),
                otherKnownHosts(host), acceptNew(access), connectTimeout(access), keepAlive(access));
    }

    /** The host's jump hosts in connection order (the first is reached directly); empty for a direct host. */
    List<SshEndpoint> hops(HostSpec host) {
        SshAccess access = host.access();
        List<SshEndpoint> hops = new ArrayList<>();
        for (JumpHost hop : access.proxyJump()) {
            IdentityPlan identities = IdentityPlan.of(hop.identityFiles(), access.identityAgent(),
                    access.identitiesOnly(), List.of(), environment, home);
            hops.add(new SshEndpoint("jump host " + hop.spec() + " (" + hop.describe() + ")", hop.address(),
                    hop.port(), hop.user(), identities, knownHosts(host), otherKnownHosts(host), acceptNew(access),
                    connectTimeout(access), keepAlive(access)));
        }
        return hops;
    }

    private Path knownHosts(HostSpec host) {
        return host.knownHosts().orElse(home.resolve(".ssh").resolve("known_hosts"));
    }

    /** The further {@code UserKnownHostsFile}s and the global files, read after the host's own, never written. */
    private static List<Path> otherKnownHosts(HostSpec host) {
        return host.access().otherKnownHosts();
    }

    /**
     * accept-new from the command line, or {@code StrictHostKeyChecking accept-new} for the host. {@code no} and
     * {@code off} are taken as accept-new too: jts-fleet never connects to a host whose key changed. {@code ask}
     * and {@code yes} are strict (jts-fleet does not prompt for host keys).
     */
    private boolean acceptNew(SshAccess access) {
        if (options.acceptNewHostKeys()) {
            return true;
        }
        Optional<String> strict = access.strictHostKeys().map(value -> value.strip().toLowerCase(Locale.ROOT));
        return strict.isPresent() && List.of("accept-new", "no", "off", "false").contains(strict.get());
    }

    private Duration connectTimeout(SshAccess access) {
        return options.connectTimeoutExplicit() ? options.connectTimeout()
                : access.connectTimeout().orElse(options.connectTimeout());
    }

    private Duration keepAlive(SshAccess access) {
        return access.keepAliveInterval().orElse(options.keepAliveInterval());
    }
}
