package jts.fleet.controller.transport.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ssh-agent to ask for identities, as OpenSSH finds it: {@code IdentityAgent} when set ({@code none} turns the
 * agent off; {@code SSH_AUTH_SOCK} or {@code $VAR} name an environment variable; {@code ~/} is the home directory),
 * else {@code $SSH_AUTH_SOCK}.
 *
 * @param path   the agent's unix socket
 * @param source where the path came from, for messages ({@code SSH_AUTH_SOCK}, {@code identity_agent})
 */
public record AgentSocket(Path path, String source) {
    /** The value of {@code IdentityAgent} that disables the agent. */
    public static final String NONE = "none";

    public AgentSocket {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }

    /** {@code /run/user/0/agent.sock (SSH_AUTH_SOCK)}. */
    public String describe() {
        return path + " (" + source + ")";
    }

    /**
     * @param identityAgent the host's {@code identity_agent}/{@code IdentityAgent}, empty when unset
     * @param environment   the process environment ({@code SSH_AUTH_SOCK} and variables the setting names)
     * @param home          the home directory for {@code ~/}
     * @return the socket to use, or empty when no agent is configured (unset variable, or {@code none})
     */
    public static Optional<AgentSocket> resolve(Optional<String> identityAgent, Map<String, String> environment,
            Path home) {
        if (identityAgent.isEmpty()) {
            return fromVariable("SSH_AUTH_SOCK", environment);
        }
        String value = identityAgent.get().strip();
        if (value.equalsIgnoreCase(NONE) || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.equals("SSH_AUTH_SOCK")) {
            return fromVariable("SSH_AUTH_SOCK", environment);
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return fromVariable(value.substring(2, value.length() - 1), environment);
        }
        if (value.startsWith("$")) {
            return fromVariable(value.substring(1), environment);
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Optional.of(new AgentSocket(home.resolve(value.substring(Math.min(2, value.length()))),
                    "identity_agent"));
        }
        return Optional.of(new AgentSocket(Path.of(value), "identity_agent"));
    }

    private static Optional<AgentSocket> fromVariable(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AgentSocket(Path.of(value), name));
    }
}
