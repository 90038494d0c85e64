package jts.fleet.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a host is reached over SSH beyond address, port and user: the OpenSSH client settings that came from the
 * inventory, the user's ssh_config or an Ansible inventory, already resolved by precedence (inventory over
 * ssh_config over jts-fleet's defaults). The transport follows OpenSSH's semantics for each.
 *
 * @param identityFiles       identity files to try after the agent's identities, in order (OpenSSH's
 *                            {@code IdentityFile}, which may be given several times); when empty the transport
 *                            falls back to OpenSSH's defaults ({@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 *                            {@code id_rsa}). {@link HostSpec#identityFile()} is the first of them when set.
 * @param identityAgent       {@code IdentityAgent}: a socket path, or {@code none} to use no agent; empty means
 *                            {@code $SSH_AUTH_SOCK} when it is set
 * @param identitiesOnly      {@code IdentitiesOnly}: offer only the configured identity files (and agent keys
 *                            matching them), never other agent keys or default files
 * @param certificateFiles    {@code CertificateFile}s offered with the matching keys, besides the automatic
 *                            {@code KEY-cert.pub} next to each identity file
 * @param proxyJump           {@code ProxyJump} hops in connection order (the first is contacted first); empty for
 *                            a direct connection
 * @param strictHostKeys      {@code StrictHostKeyChecking} from ssh_config: {@code yes} or {@code accept-new}; empty
 *                            when unset (the command line's {@code --accept-new-host-keys} decides)
 * @param connectTimeout      {@code ConnectTimeout} for this host when set (the CLI's option still wins)
 * @param keepAliveInterval   {@code ServerAliveInterval} for this host when set
 * @param otherKnownHosts     known_hosts files read after {@link HostSpec#knownHosts()} and never written: the
 *                            further {@code UserKnownHostsFile} entries, then {@code GlobalKnownHostsFile} (OpenSSH
 *                            reads {@code /etc/ssh/ssh_known_hosts} and {@code ssh_known_hosts2} by default, and
 *                            fleets often keep their {@code @cert-authority} lines there); files that do not exist
 *                            are skipped
 */
public record SshAccess(
        List<Path> identityFiles,
        Optional<String> identityAgent,
        boolean identitiesOnly,
        List<Path> certificateFiles,
        List<JumpHost> proxyJump,
        Optional<String> strictHostKeys,
        Optional<Duration> connectTimeout,
        Optional<Duration> keepAliveInterval,
        List<Path> otherKnownHosts) {

    /**
     * Nothing configured: agent from {@code $SSH_AUTH_SOCK}, OpenSSH's default key files, a direct connection, only
     * the host's own known_hosts file.
     */
    public static final SshAccess DEFAULT = new SshAccess(List.of(), Optional.empty(), false, List.of(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    /** The {@code identity_agent} value that turns the agent off. */
    public static final String NO_AGENT = "none";

    public SshAccess {
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(identityAgent, "identityAgent");
        certificateFiles = List.copyOf(certificateFiles);
        proxyJump = List.copyOf(proxyJump);
        Objects.requireNonNull(strictHostKeys, "strictHostKeys");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        otherKnownHosts = List.copyOf(otherKnownHosts);
    }

    /** The same settings with another jump chain. */
    public SshAccess withProxyJump(List<JumpHost> hops) {
        return new SshAccess(identityFiles, identityAgent, identitiesOnly, certificateFiles, hops, strictHostKeys,
                connectTimeout, keepAliveInterval, otherKnownHosts);
    }

    /** The same settings with other further known_hosts files. */
    public SshAccess withOtherKnownHosts(List<Path> files) {
        return new SshAccess(identityFiles, identityAgent, identitiesOnly, certificateFiles, proxyJump, strictHostKeys,
                connectTimeout, keepAliveInterval, files);
    }

    /** The same settings with other identity files. */
    public SshAccess withIdentityFiles(List<Path> files) {
        return new SshAccess(files, identityAgent, identitiesOnly, certificateFiles, proxyJump, strictHostKeys,
                connectTimeout, keepAliveInterval, otherKnownHosts);
    }
}
