package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserDirsTest {
    @Test
    void homeComesFromTheEnvironmentNotThePasswordFile() {
        UserDirs dirs = UserDirs.of(Map.of("HOME", "/tmp/sandbox"), "/root");
        assertThat(dirs.home()).isEqualTo(Path.of("/tmp/sandbox"));
        assertThat(dirs.knownHosts()).as("OpenSSH's ~ is the password file's home")
                .isEqualTo(Path.of("/root/.ssh/known_hosts"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/tmp/sandbox/.local/share/jts-fleet"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/tmp/sandbox/.local/state/jts-fleet"));
        assertThat(dirs.configDir()).isEqualTo(Path.of("/tmp/sandbox/.config/jts-fleet"));
    }

    @Test
    void passwordFileHomeOnlyWhenHomeIsUnsetOrRelative() {
        assertThat(UserDirs.of(Map.of(), "/home/ops").home()).isEqualTo(Path.of("/home/ops"));
        assertThat(UserDirs.of(Map.of("HOME", ""), "/home/ops").home()).isEqualTo(Path.of("/home/ops"));
        assertThat(UserDirs.of(Map.of("HOME", "relative/dir"), "/home/ops").home()).isEqualTo(Path.of("/home/ops"));
    }

    @Test
    void xdgVariablesWinWhenAbsolute() {
        UserDirs dirs = UserDirs.of(Map.of("HOME", "/home/ops", "XDG_DATA_HOME", "/srv/data",
                "XDG_STATE_HOME", "/srv/state", "XDG_CONFIG_HOME", "/srv/config"), "/root");
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/srv/data/jts-fleet"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/srv/state/jts-fleet"));
        assertThat(dirs.configDir()).isEqualTo(Path.of("/srv/config/jts-fleet"));
        assertThat(dirs.sshDir()).as("OpenSSH's files: the password file's home").isEqualTo(Path.of("/root/.ssh"));
    }

    @Test
    void relativeXdgValuesAreIgnoredAsTheSpecSays() {
        UserDirs dirs = UserDirs.of(Map.of("HOME", "/home/ops", "XDG_DATA_HOME", "relative"), "/root");
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ops/.local/share/jts-fleet"));
    }
}
