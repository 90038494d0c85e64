package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What monitor-activate.sh and monitor-run-once.sh answer, read as the controller reads it. */
class MonitorInstallTest {
    @Test
    void activationSaysWhetherSystemdRunsAndWhenTheTimerIsNext() {
        assertThat(MonitorInstall.parseActivation("systemd present\nnext Thu 2026-11-26 05:01:00 UTC\n"))
                .isEqualTo(new MonitorInstall.Activation(true, "Thu 2026-11-26 05:01:00 UTC"));
        assertThat(MonitorInstall.parseActivation("systemd absent\n"))
                .isEqualTo(new MonitorInstall.Activation(false, ""));
    }

    @Test
    void aRunGivesItsStatusAndTheSamplesItWrote() throws Exception {
        MonitorInstall.RunOnce run = MonitorInstall.parseRunOnce("db-01",
                "@@jts-metrics exit 1\n# HELP a b\njts_tuning_drifted_attributes 2\n", 0, "");
        assertThat(run.scriptExit()).isEqualTo(1);
        assertThat(run.textfile()).isEqualTo("# HELP a b\njts_tuning_drifted_attributes 2\n");
        assertThat(run.metrics()).extracting(m -> m.name()).containsExactly("jts_tuning_drifted_attributes");
    }

    @Test
    void unusableAnswersNameTheHost() {
        assertThatThrownBy(() -> MonitorInstall.parseRunOnce("db-01", "@@jts-metrics not-installed\n", 3, ""))
                .hasMessage("db-01: jts-metrics is not installed (run jts-fleet monitor install first)");
        assertThatThrownBy(() -> MonitorInstall.parseRunOnce("db-01", "\nmotd\n", 127, "sh: 1: nope\n"))
                .hasMessage("db-01: run-once: unexpected answer \"motd\" (exit 127, sh: 1: nope)");
        assertThatThrownBy(() -> MonitorInstall.parseRunOnce("db-01", "@@jts-metrics exit x\n", 0, ""))
                .hasMessage("db-01: run-once: bad status \"@@jts-metrics exit x\"");
        assertThatThrownBy(() -> MonitorInstall.parseRunOnce("db-01", "@@jts-metrics exit 0\n{not prom\n", 0, ""))
                .hasMessageStartingWith("db-01: jts_storage.prom");
    }
}
