package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.Optional;

import jts.fleet.inventory.sshconfig.SshConfig;
import jts.fleet.inventory.sshconfig.SshEnvironment;

/**
 * Which ssh_config a load reads: for hosts without an {@code ssh_config} key the {@code standard} files (like
 * {@code ssh}: {@code ~/.ssh/config}, then {@code /etc/ssh/ssh_config}), and a command-line choice
 * ({@code --ssh-config FILE|none}) that replaces every other choice for the run, like {@code ssh -F}.
 *
 * @param environment what ssh_config expansions read from the machine
 * @param userConfig  the user file read by default, if any
 * @param systemConfig the system file read by default, if any
 * @param override    {@code --ssh-config}: a file or {@code none}
 */
public record SshConfigOptions(SshEnvironment environment, Optional<Path> userConfig, Optional<Path> systemConfig,
                               Optional<String> override) {
    public static final String NONE = "none";

    public SshConfigOptions {
        Components.requireNonNull(SshConfigOptions.class, environment, userConfig, systemConfig, override);
    }

    /** This process and the files {@code ssh} reads. */
    public static SshConfigOptions standard() {
        SshEnvironment env = SshEnvironment.system();
        return new SshConfigOptions(env, Optional.of(env.home().resolve(".ssh/config")),
                Optional.of(SshConfig.SYSTEM_CONFIG), Optional.empty());
    }

    /** No file read unless an inventory or the command line names one (tests). */
    public static SshConfigOptions nothing(SshEnvironment environment) {
        return new SshConfigOptions(environment, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same with {@code --ssh-config VALUE}. */
    public SshConfigOptions withOverride(String value) {
        return new SshConfigOptions(environment, userConfig, systemConfig, Optional.of(value));
    }

    /** The configuration read by default (no {@code ssh_config} key). */
    SshConfig standardConfig() {
        return SshConfig.standard(environment, userConfig, systemConfig);
    }
}
