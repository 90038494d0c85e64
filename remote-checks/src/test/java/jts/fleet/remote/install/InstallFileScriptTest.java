package jts.fleet.remote.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.trim.TrimPaths;

/** install-file.sh's contract on the Java side: its allowlist, its arguments, its answers. */
class InstallFileScriptTest {
    private static final PushedFile CONFIG = new PushedFile(TrimPaths.CONFIG, "0644", "abc");

    @Test
    void theScriptsAllowlistIsExactlyWhatTrimAndMonitorPush() {
        assertThat(InstallFileScript.installable()).containsExactly(
                TrimPaths.SCRIPT, TrimPaths.CONFIG, TrimPaths.SERVICE, TrimPaths.TIMER,
                MonitorUnits.SCRIPT, MonitorUnits.CONFIG, MonitorUnits.SERVICE, MonitorUnits.TIMER);
    }

    @Test
    void aPushedFileIsOneTheScriptAcceptsWithItsHash() {
        // sha256("abc"), FIPS 180-2 test vector
        assertThat(CONFIG.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> new PushedFile("/etc/passwd", "0644", "x"))
                .hasMessage("not a path jts-fleet pushes (install-file.sh refuses it): /etc/passwd");
        assertThatThrownBy(() -> new PushedFile(TrimPaths.CONFIG, "0600", "x"))
                .hasMessage("/etc/jts-fleet/trim.conf: mode must be 0644 or 0755, not 0600");
    }

    @Test
    void aDryRunChecksAndRecordsNothing() {
        assertThat(InstallFileScript.args(CONFIG, true, "{\"ctx\":1}"))
                .containsExactly(TrimPaths.CONFIG, "0644", CONFIG.sha256(), "check");
        assertThat(InstallFileScript.args(CONFIG, false, "{\"ctx\":1}"))
                .containsExactly(TrimPaths.CONFIG, "0644", CONFIG.sha256(), "apply", "{\"ctx\":1}");
        assertThat(InstallFileScript.args(CONFIG, false, ""))
                .containsExactly(TrimPaths.CONFIG, "0644", CONFIG.sha256(), "apply");
    }

    @Test
    void answersNameTheChangeForThisFilesHashOnly() {
        assertThat(InstallFileScript.parseAnswer(CONFIG, "installed " + CONFIG.sha256() + "\n"))
                .isEqualTo(FileChange.INSTALLED);
        assertThat(InstallFileScript.parseAnswer(CONFIG, "unchanged " + CONFIG.sha256()))
                .isEqualTo(FileChange.UNCHANGED);
        assertThat(InstallFileScript.parseAnswer(CONFIG, "would-install " + CONFIG.sha256()))
                .isEqualTo(FileChange.WOULD_INSTALL);
        assertThatThrownBy(() -> InstallFileScript.parseAnswer(CONFIG, "installed 0000\nmore"))
                .hasMessage("unexpected answer \"installed 0000\" (expected installed/unchanged " + CONFIG.sha256() + ")");
        assertThatThrownBy(() -> InstallFileScript.parseAnswer(CONFIG, "replaced " + CONFIG.sha256()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theViewsShowTheScriptsWords() {
        assertThat(FileChange.WOULD_INSTALL.key()).isEqualTo("would-install");
        assertThat(FileChange.WOULD_INSTALL).hasToString("would-install");
    }
}
