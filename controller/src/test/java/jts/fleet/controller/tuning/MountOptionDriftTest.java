package jts.fleet.controller.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.tuning.HostPlan;
import jts.fleet.remote.tuning.MountOptionCheck;

/** Mount option expectations in verify (drift, exit 3) and plan (each one listed, with the fstab fix). */
class MountOptionDriftTest {
    private static final Policy NO_TIERS = new Policy(List.of(), new Maintenance(List.of(), "", 0), Map.of());

    private static final MountOptionCheck.Result NCONNECT = new MountOptionCheck.Result("/mnt/nas", "cold", "nfs4",
            "nconnect>=4", "nconnect=1 (the default)", false, "set nconnect=4 (or more) in the /etc/fstab entry");
    private static final MountOptionCheck.Result HARD = new MountOptionCheck.Result("/mnt/nas", "cold", "nfs4",
            "hard", "present", true, "");

    @Test
    void aDifferingOptionIsDriftWithItsFixAndEveryExpectationIsCounted() {
        VerifyReport clean = new VerifyReport("nas-01", 3, List.of());
        VerifyReport report = TuningEngine.DriftCheck.withMountOptions(clean, List.of(NCONNECT, HARD));
        assertThat(report.drift()).isTrue();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.differences()).singleElement().satisfies(f -> {
            assertThat(f.device()).isEqualTo("/mnt/nas");
            assertThat(f.attribute()).isEqualTo("mount option nconnect>=4");
            assertThat(f.actual()).isEqualTo("nconnect=1 (the default)");
            assertThat(f.culprit()).contains("/etc/fstab");
        });
        assertThat(TuningEngine.DriftCheck.withMountOptions(clean, List.of(HARD)).drift()).isFalse();
    }

    @Test
    void planShowsEachExpectationInTextAndJson() {
        PlanReport plan = new PlanReport(new HostPlan("nas-01", NO_TIERS, List.of(), List.of()), "", "",
                List.of(NCONNECT, HARD));
        assertThat(plan.text()).contains("mount /mnt/nas (tier cold): nconnect>=4 DRIFT: nconnect=1 (the default); "
                + "set nconnect=4 (or more) in the /etc/fstab entry").contains("mount /mnt/nas (tier cold): hard ok");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) plan.json().get("mount_options");
        assertThat(json).hasSize(2);
        assertThat(json.get(0)).containsEntry("ok", false).containsEntry("expected", "nconnect>=4");
        assertThat(json.get(1)).containsEntry("ok", true).containsEntry("fix", null);
    }
}
