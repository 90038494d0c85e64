package jts.fleet.inventory.sshconfig;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What OpenSSH takes from the local machine while reading its configuration: the user's home directory and name
 * from the password database ({@code ~} and {@code %d}, {@code %u}), the uid ({@code %i}), the host name
 * ({@code %l}, {@code %L}) and the environment ({@code ${VAR}}, {@code IdentityAgent $VAR}). Tests build their own.
 *
 * @param home          home directory as OpenSSH finds it (the password database, not {@code $HOME})
 * @param localUser     local user name
 * @param uid           numeric user id
 * @param localHostName this machine's host name as {@code gethostname()} returns it
 * @param variables     environment variables
 */
public record SshEnvironment(Path home, String localUser, long uid, String localHostName,
                             Map<String, String> variables) {
    public SshEnvironment {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(localUser, "localUser");
        Objects.requireNonNull(localHostName, "localHostName");
        variables = Map.copyOf(variables);
    }

    /** A fixed environment (tests, hosts built without the real process): uid 0, host name {@code localhost}. */
    public static SshEnvironment of(Path home, String localUser) {
        return new SshEnvironment(home, localUser, 0, "localhost", Map.of());
    }

    /**
     * This process: Java's {@code user.home} and {@code user.name} come from the password database on Linux, as
     * OpenSSH's do; the uid and host name are read from {@code /proc}.
     */
    public static SshEnvironment system() {
        long uid = 0;
        try {
            uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no /proc (not Linux): %i stays 0
        }
        String hostName = "localhost";
        // a FileInputStream, not Files.readString: every run builds this environment, and Files' channels (~25
        // classes) were loaded for this one read in a local status
        try (FileInputStream in = new FileInputStream("/proc/sys/kernel/hostname")) {
            hostName = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // no /proc: %l stays localhost
        }
        return new SshEnvironment(Path.of(System.getProperty("user.home")), System.getProperty("user.name"), uid,
                hostName, System.getenv());
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** {@code %L}: the host name up to its first dot. */
    public String shortHostName() {
        int dot = localHostName.indexOf('.');
        return dot < 0 ? localHostName : localHostName.substring(0, dot);
    }
}
