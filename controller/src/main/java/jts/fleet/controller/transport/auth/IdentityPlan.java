package jts.fleet.controller.transport.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which identities to offer one server, resolved from a host's (or hop's) settings.
 *
 * @param identityFiles    identity files in order: the configured ones, else OpenSSH's defaults
 * @param defaultFiles     true when {@code identityFiles} are the defaults: missing ones are skipped silently
 * @param agent            the agent to ask, empty when none is configured or it is turned off
 * @param noAgentReason    why there is no agent, for messages ({@code SSH_AUTH_SOCK unset},
 *                         {@code identity_agent none}); empty when there is one
 * @param identitiesOnly   OpenSSH {@code IdentitiesOnly}: only the configured files, also among agent keys
 * @param certificateFiles {@code CertificateFile}s, offered with the identity whose key they certify
 */
public record IdentityPlan(List<Path> identityFiles, boolean defaultFiles, Optional<AgentSocket> agent,
                           String noAgentReason, boolean identitiesOnly, List<Path> certificateFiles) {
    /** OpenSSH's default identity files, in the order jts-fleet tries them. */
    public static final List<String> DEFAULT_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    public IdentityPlan {
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(noAgentReason, "noAgentReason");
        certificateFiles = List.copyOf(certificateFiles);
    }

    /**
     * @param configured    the identity files set for the host, empty for OpenSSH's defaults
     * @param identityAgent the host's {@code identity_agent}, empty when unset
     * @param environment   the process environment ({@code SSH_AUTH_SOCK})
     * @param home          the home directory ({@code $HOME}), whose {@code .ssh} holds the default files
     */
    public static IdentityPlan of(List<Path> configured, Optional<String> identityAgent, boolean identitiesOnly,
            List<Path> certificateFiles, Map<String, String> environment, Path home) {
        List<Path> files = configured.isEmpty()
                ? DEFAULT_FILES.stream().map(name -> home.resolve(".ssh").resolve(name)).toList()
                : configured;
        Optional<AgentSocket> agent = AgentSocket.resolve(identityAgent, environment, home);
        String reason = agent.isPresent() ? ""
                : identityAgent.map(value -> "agent turned off (identity_agent " + value + ")")
                        .orElse("no agent (SSH_AUTH_SOCK unset)");
        return new IdentityPlan(files, configured.isEmpty(), agent, reason, identitiesOnly, certificateFiles);
    }
}
