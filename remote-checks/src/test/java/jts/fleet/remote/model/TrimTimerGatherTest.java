package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The TRIM timer's next elapse travels in the gather's env section (hosts where systemd runs). */
class TrimTimerGatherTest {
    @Test
    void nextElapseIsReadFromEnv() throws Exception {
        String recorded = Fixtures.recorded("nvme-db-host");
        String withTimer = recorded.replace("@@section env\nsystemd=1\n",
                "@@section env\nsystemd=1\ntrim_timer_next=Sat 2026-11-28 03:00:00 EST\n");
        assertThat(withTimer).as("fixture has an env section to extend").isNotEqualTo(recorded);
        HostSnapshot snapshot = GatherParser.parse("db-01", withTimer);
        assertThat(snapshot.trimTimerNextElapse()).contains("Sat 2026-11-28 03:00:00 EST");
        assertThat(snapshot.systemdRunning()).isTrue();
    }

    @Test
    void inactiveTimerIsAbsent() throws Exception {
        String recorded = Fixtures.recorded("nvme-db-host");
        String inactive = recorded.replace("@@section env\nsystemd=1\n", "@@section env\nsystemd=1\ntrim_timer_next=\n");
        assertThat(inactive).isNotEqualTo(recorded);
        assertThat(GatherParser.parse("db-01", inactive).trimTimerNextElapse()).isEmpty();
        assertThat(GatherParser.parse("db-01", recorded).trimTimerNextElapse()).isEmpty();
    }
}
