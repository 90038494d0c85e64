package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;

/**
 * Every generated rule against every device of every fixture host, with {@link UdevRuleMatcher} (whose udev
 * semantics {@code UdevRuleMatcherIT} checks against real {@code udevadm test}): the rules leave exactly the
 * plan's values on exactly the plan's devices, so no rule touches a device the plan leaves unmanaged, a hidden
 * multipath path, a partition or a dm/md layer, and rules still fire on kernels without {@code hidden}.
 */
class UdevRulesTest {
    static Stream<Arguments> hostsAndPolicies() throws IOException {
        return FixtureHostsTest.hosts().flatMap(h -> Stream.of(Arguments.of(h, "jts"), Arguments.of(h, "edge")));
    }

    private static Policy policy(String name) {
        if (name.equals("edge")) {
            return TuningFixtures.edgePolicy();
        }
        try {
            return InventoryLoader.standard().defaultPolicy();
        } catch (InventoryException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} under the {1} policy")
    @MethodSource("hostsAndPolicies")
    void rulesAssignExactlyThePlansValuesToExactlyThePlansDevices(String resource, String policyName) {
        HostSnapshot snapshot = TuningFixtures.snapshot(resource);
        Policy policy = policy(policyName);
        HostPlan plan = TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
        List<UdevRuleMatcher.Rule> rules = UdevRuleMatcher.parse(UdevRules.render(plan, policy, snapshot));
        Map<String, DevicePlan> byDevice = new LinkedHashMap<>();
        plan.devices().forEach(d -> byDevice.put(d.device(), d));
        for (BlockDevice device : snapshot.devices()) {
            Map<String, UdevRuleMatcher.Assigned> got = UdevRuleMatcher.evaluate(rules, UdevRuleMatcher.Device.of(device),
                    "block");
            DevicePlan p = byDevice.get(device.name());
            Map<String, String> want = p == null ? Map.of() : UdevRules.expected(p);
            Map<String, String> values = new LinkedHashMap<>();
            got.forEach((k, v) -> values.put(k, v.value()));
            assertThat(values).as("%s %s (%s, plan: %s)", snapshot.host(), device.name(), device.classReason(),
                    p == null ? "none" : p.skipReason().orElse("tier " + p.tier().orElse("-"))).isEqualTo(want);
            if (p == null || p.skipReason().isPresent() || p.hidden()) {
                assertThat(got).as("a rule assigns to %s, which the plan leaves alone", device.name()).isEmpty();
            }
        }
    }

    /** The rules as jts-fleet wrote them before they were generated per host (one class rule shown). */
    private static final String OLD_WARM_HDD_RULE = "ACTION!=\"remove\", SUBSYSTEM==\"block\", ENV{DEVTYPE}==\"disk\", "
            + "KERNEL==\"sd*\", ATTR{queue/rotational}==\"1\", ATTR{hidden}!=\"1\", ATTR{queue/read_ahead_kb}=\"1024\"\n";

    @Test
    void virtioScsiDisksAndUsbSticksAreNoLongerCaught() {
        HostSnapshot snapshot = TuningFixtures.snapshot("tuning/hosts/mixed-el7.gather");
        Policy policy = policy("jts");
        HostPlan plan = TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
        String rules = UdevRules.render(plan, policy, snapshot);
        for (String unmanaged : List.of("sdb", "sdc")) {
            BlockDevice device = snapshot.device(unmanaged).orElseThrow();
            assertThat(plan.devices().stream().filter(d -> d.device().equals(unmanaged)).findFirst().orElseThrow()
                    .skipReason()).hasValueSatisfying(r -> assertThat(r).startsWith("unmanaged"));
            assertThat(UdevRuleMatcher.evaluate(UdevRuleMatcher.parse(rules), UdevRuleMatcher.Device.of(device), "block"))
                    .as(unmanaged).isEmpty();
        }
        // the old KERNEL=="sd*" + rotational rule caught the virtio-scsi disk (had the kernel had `hidden`)
        BlockDevice virtioScsi = snapshot.device("sdb").orElseThrow();
        UdevRuleMatcher.Device withHidden = new UdevRuleMatcher.Device(virtioScsi.name(), "disk",
                UdevRuleMatcher.Device.of(virtioScsi).devpath(), withAttribute(virtioScsi, "hidden", "0"), Map.of(),
                Map.of("DEVTYPE", "disk"));
        assertThat(UdevRuleMatcher.evaluate(UdevRuleMatcher.parse(OLD_WARM_HDD_RULE), withHidden, "block")).isNotEmpty();
    }

    @Test
    void onKernelsWithoutHiddenTheOldRulesNeverFiredAndTheNewOnesDo() {
        // 3.10 and 4.18 fixtures have no `hidden` attribute: udev fails ATTR{hidden}!="1" there
        for (String resource : List.of("fixtures/virtio-vm/gather.out", "fixtures/sata-md-host/gather.out",
                "tuning/hosts/mixed-el7.gather")) {
            HostSnapshot snapshot = TuningFixtures.snapshot(resource);
            assertThat(snapshot.kernel()).matches("(3\\.10|4\\.18)\\..*");
            Policy policy = policy("jts");
            HostPlan plan = TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
            List<UdevRuleMatcher.Rule> rules = UdevRuleMatcher.parse(UdevRules.render(plan, policy, snapshot));
            int fired = 0;
            for (DevicePlan d : plan.devices()) {
                Map<String, String> want = UdevRules.expected(d);
                if (want.isEmpty()) {
                    continue;
                }
                BlockDevice device = snapshot.device(d.device()).orElseThrow();
                UdevRuleMatcher.Device view = UdevRuleMatcher.Device.of(device);
                assertThat(view.attributes()).as("fixture of an old kernel").doesNotContainKey("hidden");
                assertThat(UdevRuleMatcher.evaluate(UdevRuleMatcher.parse(OLD_WARM_HDD_RULE), view, "block"))
                        .as("old rule on %s", d.device()).isEmpty();
                assertThat(UdevRuleMatcher.evaluate(rules, view, "block")).as("%s %s", resource, d.device())
                        .hasSize(want.size());
                fired++;
            }
            assertThat(fired).as("managed devices on %s", resource).isPositive();
        }
    }

    /** A storage server with 600 disks each selected by its mount: 600 device rules, checked against 1200 devices. */
    @Test
    void aLargeHostRendersInSeconds() throws Exception {
        StringBuilder out = new StringBuilder("@@jts-gather 1\n@@section host\nhostname=big\nkernel=6.8.0\n@@end\n");
        StringBuilder mountinfo = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            out.append("@@section block sd").append(i).append("\npath=/sys/devices/pci0000:00/0000:00:17.0/host")
                    .append(i).append("/target/block/sd").append(i).append("\ndev=8:").append(i * 16)
                    .append("\nsize=1000\nremovable=0\nqueue/rotational=1\nqueue/read_ahead_kb=128\n"
                            + "queue/scheduler=[mq-deadline] none\n@@end\n");
            out.append("@@section part sd").append(i).append("p1\nparent=sd").append(i).append("\ndev=8:")
                    .append(i * 16 + 1).append("\n@@end\n");
            mountinfo.append(100 + i).append(" 1 8:").append(i * 16 + 1).append(" / /data/d").append(i)
                    .append(" rw - xfs /dev/sd").append(i).append("p1 rw\n");
        }
        out.append("@@section diskstats\n@@end\n@@section mountinfo\n").append(mountinfo).append("@@end\n@@done\n");
        HostSnapshot snapshot = jts.fleet.remote.model.GatherParser.parse("big", out.toString());
        Policy policy = new Policy(List.of(
                TuningFixtures.tier("hot", java.util.Set.of(), List.of(), List.of("/data"),
                        TuningFixtures.queue(jts.fleet.inventory.QueueAttribute.READ_AHEAD_KB, "256")),
                TuningFixtures.tier("warm", java.util.Set.of(jts.fleet.inventory.DeviceClass.HDD), List.of(), List.of(),
                        TuningFixtures.queue(jts.fleet.inventory.QueueAttribute.SCHEDULER, "mq-deadline"))),
                TuningFixtures.MAINTENANCE, Map.of());
        String[] rules = new String[1];
        // about 0.3 s on the 2-core development VM; 10x that and more is a regression
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            HostPlan plan = TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
            rules[0] = UdevRules.render(plan, policy, snapshot);
        });
        assertThat(rules[0].lines().filter(l -> l.contains("GOTO=")).count()).isEqualTo(600);
    }

    private static Map<String, String> withAttribute(BlockDevice d, String name, String value) {
        Map<String, String> attributes = new LinkedHashMap<>(UdevRuleMatcher.Device.of(d).attributes());
        attributes.put(name, value);
        return attributes;
    }
}
