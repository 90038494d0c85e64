package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;
import jts.fleet.inventory.testing.Golden;

class TuningPlannerTest {
    private static final Golden GOLDEN = Golden.under("tuning/golden");

    private final HostSnapshot edge = TuningFixtures.snapshot("tuning/hosts/edge-01.gather");

    private HostPlan plan(Policy policy) {
        return TuningPlanner.plan(TierAssigner.assign(edge, policy), policy);
    }

    private static PlannedSetting setting(HostPlan plan, String device, QueueAttribute attribute) {
        DevicePlan d = plan.devices().stream().filter(x -> x.device().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no plan for " + device));
        return d.setting(attribute).orElseThrow(() -> new AssertionError(device + " has no " + attribute));
    }

    private static DevicePlan device(HostPlan plan, String device) {
        return plan.devices().stream().filter(x -> x.device().equals(device)).findFirst().orElseThrow();
    }

    @Test
    void edgeHostPlanMatchesGolden() throws IOException {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        GOLDEN.assertMatches("plan/edge-01.txt", PlanText.render(plan));
        GOLDEN.assertMatches("rules/edge-01.rules", UdevRules.render(plan, TuningFixtures.edgePolicy(), edge));
    }

    @Test
    void settingsLandOnTheLayerThatUsesThem() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        // /var/lib/postgresql is on LVM over md RAID1 over sda+sdb: the leaves get the hot settings
        assertThat(device(plan, "sda").tier()).contains("hot");
        assertThat(device(plan, "sda").selectedBy()).isEqualTo(Selection.MOUNT);
        assertThat(setting(plan, "sda", QueueAttribute.SCHEDULER).action()).isEqualTo(TuningAction.SET);
        assertThat(device(plan, "sdb").tier()).contains("hot");
        assertThat(device(plan, "dm-0").settings()).isEmpty();
        assertThat(device(plan, "dm-0").skipReason()).hasValueSatisfying(r -> assertThat(r).contains("sda, sdb"));
        assertThat(device(plan, "md0").skipReason()).hasValueSatisfying(r -> assertThat(r).contains("sda, sdb"));
        assertThat(device(plan, "nvme0n1p2").skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("its disk nvme0n1"));
        // a partition never carries settings
        assertThat(plan.devices()).filteredOn(d -> d.device().matches(".*p\\d+|sd[a-z]\\d+"))
                .allSatisfy(d -> assertThat(d.settings()).isEmpty());
    }

    @Test
    void hiddenPathsAreSkippedAndSaySo() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        DevicePlan path = device(plan, "nvme1c1n1");
        assertThat(path.hidden()).isTrue();
        assertThat(path.settings()).isEmpty();
        assertThat(path.skipReason()).hasValueSatisfying(r -> assertThat(r).contains("hidden", "head nvme1n1"));
        assertThat(device(plan, "nvme1n1").tier()).contains("hot");
    }

    @Test
    void zonedDevicesKeepMqDeadline() {
        PlannedSetting s = setting(plan(TuningFixtures.edgePolicy()), "nvme2n1", QueueAttribute.SCHEDULER);

        assertThat(s.action()).isEqualTo(TuningAction.SKIP);
        assertThat(s.current()).contains("mq-deadline");
        assertThat(s.reason()).contains("zoned", "mq-deadline");
    }

    /** The one drift rule: what the planner would write, on the layer that carries it; nothing it skips. */
    @Test
    void driftIsWhatThePlannerWouldWriteAndNothingElse() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        List<String> drift = plan.drift().stream()
                .map(d -> d.device().device() + " " + d.setting().attribute().key()).toList();
        assertThat(drift).hasSize((int) plan.count(TuningAction.SET))
                .contains("sda scheduler", "sdb scheduler") // leaves of LVM over md, from the mount's tier
                .doesNotContain("nvme2n1 scheduler") // zoned: keeps mq-deadline, skipped
                .noneMatch(d -> d.startsWith("dm-") || d.startsWith("md") || d.matches("nvme0n1p\\d+ .*"))
                .noneMatch(d -> d.equals("sdb wbt_lat_usec")); // not applicable
        assertThat(plan.drift()).allSatisfy(d -> assertThat(d.setting().action()).isEqualTo(TuningAction.SET));
    }

    @Test
    void missingAttributeIsNotApplicableNotDrift() {
        PlannedSetting s = setting(plan(TuningFixtures.edgePolicy()), "sdb", QueueAttribute.WBT_LAT_USEC);

        assertThat(s.action()).isEqualTo(TuningAction.NOT_APPLICABLE);
        assertThat(s.current()).isEmpty();
    }

    @Test
    void aLeafClaimedByTwoTiersGoesToTheFirstAndIsReported() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        assertThat(device(plan, "sdc").tier()).contains("hot");
        assertThat(plan.conflicts()).anySatisfy(c -> assertThat(c).startsWith("sdc: claimed by tier hot")
                .contains("tier warm", "dm-2", "hot wins"));
    }

    @Test
    void aDiskInTwoTiersThroughTwoMountsGoesToTheFirstTier() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        // sdd1 holds /var/lib/postgresql/wal (hot), sdd2 /data/warm-storage/archive (warm): one queue, one tier
        assertThat(device(plan, "sdd").tier()).contains("hot");
        assertThat(setting(plan, "sdd", QueueAttribute.READ_AHEAD_KB).desired()).isEqualTo("128");
        assertThat(plan.conflicts()).anySatisfy(c -> assertThat(c).startsWith("sdd: claimed by tier hot")
                .contains("/var/lib/postgresql/wal", "tier warm", "sdd2", "hot wins"));
    }

    @Test
    void reapplyingThePolicyToTheResultIsAllOk() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());
        assertThat(plan.count(TuningAction.SET)).isPositive();

        HostSnapshot after = PlanSimulation.applied(edge, plan);
        HostPlan again = TuningPlanner.plan(TierAssigner.assign(after, TuningFixtures.edgePolicy()),
                TuningFixtures.edgePolicy());

        assertThat(again.count(TuningAction.SET)).isZero();
        assertThat(again.count(TuningAction.OK)).isEqualTo(plan.count(TuningAction.SET) + plan.count(TuningAction.OK));
    }

    @Test
    void aSchedulerTheDeviceDoesNotOfferMakesTheWholeHostPlanInvalid() {
        Policy noop = new Policy(List.of(TuningFixtures.tier("hot", Set.of(DeviceClass.NVME), List.of(), List.of(),
                TuningFixtures.queue(QueueAttribute.SCHEDULER, "noop", QueueAttribute.READ_AHEAD_KB, "64"))),
                TuningFixtures.MAINTENANCE, Map.of());

        HostPlan plan = plan(noop);

        PlannedSetting s = setting(plan, "nvme0n1", QueueAttribute.SCHEDULER);
        assertThat(s.action()).isEqualTo(TuningAction.INVALID);
        assertThat(s.reason()).isEqualTo("not in available [none mq-deadline kyber bfq]");
        assertThat(plan.valid()).isFalse();
        assertThat(plan.invalidReasons()).first().asString()
                .isEqualTo("edge-01: nvme0n1 scheduler = \"noop\": not in available [none mq-deadline kyber bfq]");
        assertThatThrownBy(() -> plan.applyInput("")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("edge-01");
    }

    @Test
    void numbersAreCheckedAgainstDeviceLimits() {
        Policy limits = new Policy(List.of(TuningFixtures.tier("hot", Set.of(DeviceClass.NVME), List.of(), List.of(),
                TuningFixtures.queue(QueueAttribute.MAX_SECTORS_KB, "1024", QueueAttribute.NR_REQUESTS, "2",
                        QueueAttribute.READ_AHEAD_KB, "1048576", QueueAttribute.RQ_AFFINITY, "3",
                        QueueAttribute.WRITE_CACHE, "write sometimes"))),
                TuningFixtures.MAINTENANCE, Map.of());

        HostPlan plan = plan(limits);

        assertThat(setting(plan, "nvme0n1", QueueAttribute.MAX_SECTORS_KB).reason())
                .isEqualTo("exceeds max_hw_sectors_kb 512");
        assertThat(setting(plan, "nvme0n1", QueueAttribute.NR_REQUESTS).reason()).contains("minimum 4");
        assertThat(setting(plan, "nvme0n1", QueueAttribute.READ_AHEAD_KB).reason()).contains("0..65536");
        assertThat(setting(plan, "nvme0n1", QueueAttribute.RQ_AFFINITY).reason()).contains("0, 1 or 2");
        assertThat(setting(plan, "nvme0n1", QueueAttribute.WRITE_CACHE).reason()).contains("write back");
        // nvme1n1 has no write_cache: not applicable, not invalid
        assertThat(setting(plan, "nvme1n1", QueueAttribute.WRITE_CACHE).action()).isEqualTo(TuningAction.NOT_APPLICABLE);
    }

    @Test
    void writeCacheIsOnlyPlannedWhenATierSetsIt() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        assertThat(plan.devices()).flatMap(DevicePlan::settings)
                .noneMatch(s -> s.attribute() == QueueAttribute.WRITE_CACHE);
    }

    @Test
    void applyInputCarriesManagedSettingsAndTheRules() {
        HostPlan plan = plan(TuningFixtures.edgePolicy());

        String input = new String(plan.applyInput("# rules\n"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(input).startsWith("@@jts-tune 1\n").endsWith("@@rules\n# rules\n@@end\n")
                .contains("set nvme0n1 scheduler none\n", "set sda scheduler none\n")
                .doesNotContain("nvme1c1n1", "set nvme2n1 scheduler", "set sdb wbt_lat_usec", "dm-0", "md0");
    }
}
