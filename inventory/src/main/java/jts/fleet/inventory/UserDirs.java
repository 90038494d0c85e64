package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the user's files are, decided in one place, by two rules. jts-fleet's own files follow the XDG spec
 * from {@code $HOME} (what shells, the XDG base directory spec and every test harness use; Java's
 * {@code user.home} comes from the password file and is only the fallback when {@code $HOME} is unset or not
 * absolute): an {@code XDG_*_HOME} variable wins when it holds an absolute path (relative values are ignored,
 * as the spec says), else the spec's default under the home directory. OpenSSH's files ({@code ~/.ssh}: config,
 * keys, known_hosts, and {@code ~} in the inventory's paths) are where OpenSSH finds them: OpenSSH expands
 * {@code ~} from the password database, not {@code $HOME}, so jts-fleet reads the same files ssh does.
 *
 * <ul>
 *   <li>{@link #dataDir()}: {@code $XDG_DATA_HOME/jts-fleet} or {@code ~/.local/share/jts-fleet} (bench store)</li>
 *   <li>{@link #stateDir()}: {@code $XDG_STATE_HOME/jts-fleet} or {@code ~/.local/state/jts-fleet} (shell history,
 *       logs)</li>
 *   <li>{@link #configDir()}: {@code $XDG_CONFIG_HOME/jts-fleet} or {@code ~/.config/jts-fleet}</li>
 *   <li>{@link #sshDir()}: {@code ~/.ssh} of the password file's home (default keys and {@code known_hosts})</li>
 * </ul>
 */
public final class UserDirs {
    private final Map<String, String> env;
    private final Path home;
    private final Path sshHome;

    private UserDirs(Map<String, String> env, Path home, Path sshHome) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.sshHome = sshHome;
    }

    /** From this process's environment, {@code user.home} as the fallback. */
    public static UserDirs current() {
        return of(System.getenv(), System.getProperty("user.home", "/"));
    }

    /** From the given environment; {@code passwordHome} is used only when {@code HOME} is unset or relative. */
    public static UserDirs of(Map<String, String> env, String passwordHome) {
        Objects.requireNonNull(passwordHome, "passwordHome");
        String fromEnv = env.getOrDefault("HOME", "");
        Path home = Path.of(absolute(fromEnv) ? fromEnv : passwordHome);
        return new UserDirs(env, home, Path.of(passwordHome));
    }

    private static boolean absolute(String value) {
        return value != null && value.startsWith("/");
    }

    public Path home() {
        return home;
    }

    public Path dataDir() {
        return xdg("XDG_DATA_HOME", ".local/share");
    }

    public Path stateDir() {
        return xdg("XDG_STATE_HOME", ".local/state");
    }

    public Path configDir() {
        return xdg("XDG_CONFIG_HOME", ".config");
    }

    /** The home OpenSSH uses for {@code ~}: the password file's. */
    public Path sshHome() {
        return sshHome;
    }

    public Path sshDir() {
        return sshHome.resolve(".ssh");
    }

    /** {@code ~/.ssh/known_hosts}: the default when neither the inventory nor a flag names one. */
    public Path knownHosts() {
        return sshDir().resolve("known_hosts");
    }

    private Path xdg(String variable, String defaultUnderHome) {
        String value = env.getOrDefault(variable, "");
        Path base = absolute(value) ? Path.of(value) : home.resolve(defaultUnderHome);
        return base.resolve("jts-fleet");
    }
}
