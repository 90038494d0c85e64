package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.testing.Schedulers;

/**
 * The host scripts against real loop devices of this machine (root): real sysfs writes, real kernel
 * refusals, real {@code udevadm test}. Only loop devices attached here are ever selected (by exact kernel
 * name), so no other device of the machine is touched.
 */
class TuneLoopDevicesIT {
    @TempDir
    Path tmp;
    LoopDevices loops;
    String loop;
    String partitioned;
    Path stateDir;
    Path rules;

    @BeforeEach
    void attach() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("losetup");
        loops = new LoopDevices(tmp);
        loop = loops.attach("plain", 32L << 20, null);
        partitioned = loops.attach("parted", 32L << 20, LoopDevices.ONE_PARTITION);
        stateDir = tmp.resolve("state");
        rules = tmp.resolve("rules.d/60-jts-fleet.rules");
    }

    @AfterEach
    void detach() throws IOException {
        if (loops != null) {
            loops.close();
        }
    }

    private Policy policy(Map<QueueAttribute, String> queue) {
        return new Policy(List.of(TuningFixtures.tier("it", Set.of(), List.of(loop, partitioned),
                List.of(), queue)), TuningFixtures.MAINTENANCE, Map.of());
    }

    private HostSnapshot lastSnapshot;

    private HostPlan planOnThisMachine(Policy policy) throws Exception {
        String output = ScriptRunner.stdout(GatherScript.text(), "gather.sh");
        HostSnapshot snapshot = GatherParser.parse("this-machine", output);
        lastSnapshot = snapshot;
        return TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
    }

    private ScriptOutcome apply(byte[] input) {
        return ScriptRunner.run(TuningScripts.APPLY, new String(input, StandardCharsets.UTF_8), "",
                stateDir.toString(), rules.toString());
    }

    @Test
    void applyVerifyRollbackOnRealLoopDevices() throws Exception {
        String originalScheduler = LoopDevices.queue(loop, "scheduler");
        String originalReadAhead = LoopDevices.queue(loop, "read_ahead_kb");
        String originalNrRequests = LoopDevices.queue(loop, "nr_requests");
        Policy policy = policy(TuningFixtures.queue(QueueAttribute.SCHEDULER, "mq-deadline",
                QueueAttribute.READ_AHEAD_KB, "512", QueueAttribute.NR_REQUESTS, "32"));
        HostPlan plan = planOnThisMachine(policy);
        assertThat(plan.valid()).as("%s", plan.invalidReasons()).isTrue();
        assertThat(plan.devices()).filteredOn(d -> d.tier().isPresent() && d.skipReason().isEmpty())
                .extracting(DevicePlan::device).containsExactlyInAnyOrder(loop, partitioned);

        ScriptOutcome first = apply(plan.applyInput(UdevRules.render(plan, policy, lastSnapshot)));

        assertThat(first.succeeded()).as("%s", first).isTrue();
        assertThat(LoopDevices.queue(loop, "scheduler")).contains("[mq-deadline]");
        assertThat(LoopDevices.queue(loop, "read_ahead_kb").strip()).isEqualTo("512");
        assertThat(LoopDevices.queue(loop, "nr_requests").strip()).isEqualTo("32");
        assertThat(first.records("changed")).isNotEmpty();

        // the same policy again: the host reports ok, nothing changed
        HostPlan again = planOnThisMachine(policy);
        assertThat(again.count(TuningAction.SET)).isZero();
        ScriptOutcome second = apply(again.applyInput(UdevRules.render(again, policy, lastSnapshot)));
        assertThat(second.succeeded()).isTrue();
        assertThat(second.changedAnything()).isFalse();

        ScriptOutcome undo = ScriptRunner.run(TuningScripts.ROLLBACK, "", "", stateDir.toString(), rules.toString());

        assertThat(undo.succeeded()).as("%s", undo).isTrue();
        assertThat(LoopDevices.queue(loop, "scheduler")).isEqualTo(originalScheduler);
        assertThat(LoopDevices.queue(loop, "read_ahead_kb")).isEqualTo(originalReadAhead);
        assertThat(LoopDevices.queue(loop, "nr_requests")).isEqualTo(originalNrRequests);
        assertThat(rules).doesNotExist();
        assertThat(stateDir.resolve("state.json")).doesNotExist();
    }

    /**
     * Network filesystems are tuned on their backing device: the same script path on a real BDI (this loop device's,
     * /sys/class/bdi/7:N; an NFS mount's is 0:N, and this kernel has no NFS client), applied, recorded and rolled
     * back.
     */
    @Test
    void backingDeviceSettingsAreAppliedRecordedAndRolledBack() throws Exception {
        String majmin = Files.readString(Path.of("/sys/block", loop, "dev")).strip();
        Path bdi = Path.of("/sys/class/bdi", majmin);
        String readAhead = Files.readString(bdi.resolve("read_ahead_kb")).strip();
        String maxRatio = Files.readString(bdi.resolve("max_ratio")).strip();
        String wantReadAhead = readAhead.equals("768") ? "1536" : "768";
        String wantRatio = maxRatio.equals("37") ? "38" : "37";
        String input = "@@jts-tune 1\nset bdi-" + majmin + " read_ahead_kb " + wantReadAhead + "\nset bdi-" + majmin
                + " max_ratio " + wantRatio + "\n@@rules\n# x\n@@end\n";
        try {
            ScriptOutcome applied = ScriptRunner.run(TuningScripts.APPLY, input, "", stateDir.toString(),
                    rules.toString());
            assertThat(applied.succeeded()).as("%s", applied).isTrue();
            assertThat(Files.readString(bdi.resolve("read_ahead_kb")).strip()).isEqualTo(wantReadAhead);
            assertThat(Files.readString(bdi.resolve("max_ratio")).strip()).isEqualTo(wantRatio);
            assertThat(Files.readString(stateDir.resolve("state.json")))
                    .contains("\"device\": \"bdi-" + majmin + "\", \"attribute\": \"max_ratio\", \"value\": \"" + maxRatio + "\"");

            ScriptOutcome undo = ScriptRunner.run(TuningScripts.ROLLBACK, "", "", stateDir.toString(), rules.toString());
            assertThat(undo.succeeded()).as("%s", undo).isTrue();
            assertThat(Files.readString(bdi.resolve("read_ahead_kb")).strip()).isEqualTo(readAhead);
            assertThat(Files.readString(bdi.resolve("max_ratio")).strip()).isEqualTo(maxRatio);
        } finally {
            Files.writeString(bdi.resolve("max_ratio"), maxRatio);
            Files.writeString(bdi.resolve("read_ahead_kb"), readAhead);
        }
        // only read_ahead_kb and max_ratio exist on a backing device: anything else is refused before a write
        ScriptOutcome refused = ScriptRunner.run(TuningScripts.APPLY, "@@jts-tune 1\nset bdi-" + majmin
                + " scheduler none\n@@rules\n# x\n@@end\n", "", stateDir.toString(), rules.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errors()).singleElement().asString().contains("not an attribute of a backing device");
    }

    @Test
    void aKernelRefusalMidApplyRestoresEarlierWrites() throws Exception {
        String before = LoopDevices.queue(loop, "read_ahead_kb") + LoopDevices.queue(loop, "write_cache") + LoopDevices.queue(partitioned, "read_ahead_kb");
        // write_cache is written last (write order); the kernel answers EINVAL after two writes happened
        String input = "@@jts-tune 1\nset " + partitioned + " read_ahead_kb 2048\nset " + loop
                + " read_ahead_kb 1024\nset " + loop + " write_cache bogus\n@@rules\n# x\n@@end\n";

        ScriptOutcome outcome = ScriptRunner.run(TuningScripts.APPLY, input, "", stateDir.toString(), rules.toString());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.errors()).singleElement().asString()
                .contains(loop + "/queue/write_cache", "\"bogus\"", "Invalid argument");
        assertThat(outcome.records("restored")).extracting(r -> r.field(0) + " " + r.field(1))
                .containsExactly(partitioned + " read_ahead_kb", loop + " read_ahead_kb");
        assertThat(LoopDevices.queue(loop, "read_ahead_kb") + LoopDevices.queue(loop, "write_cache") + LoopDevices.queue(partitioned, "read_ahead_kb"))
                .isEqualTo(before);
        assertThat(rules).doesNotExist();
        assertThat(stateDir.resolve("state.json")).doesNotExist();
    }

    @Test
    void aValueTheKernelSilentlyIgnoresFailsTheReadBackAndIsRestored() throws Exception {
        String hw = LoopDevices.queue(loop, "max_hw_sectors_kb").strip();
        String before = LoopDevices.queue(loop, "max_sectors_kb") + LoopDevices.queue(loop, "read_ahead_kb");
        long tooBig = Long.parseLong(hw) * 64;
        String input = "@@jts-tune 1\nset " + loop + " read_ahead_kb 1024\nset " + loop
                + " max_sectors_kb " + tooBig + "\n@@rules\n# x\n@@end\n";

        ScriptOutcome outcome = ScriptRunner.run(TuningScripts.APPLY, input, "", stateDir.toString(), rules.toString());

        // depending on the kernel the write fails (EINVAL) or is accepted and ignored: both must restore
        assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(1);
        assertThat(outcome.errors()).singleElement().asString().contains(loop, "max_sectors_kb");
        assertThat(LoopDevices.queue(loop, "max_sectors_kb") + LoopDevices.queue(loop, "read_ahead_kb")).isEqualTo(before);
    }

    @Test
    void thePushedRulesReallySetTheSchedulerUnderUdevadmTestAndSkipPartitions() throws Exception {
        Environment.requireTool("udevadm");
        // a scheduler this kernel offers for the device and it does not use now, so the rule makes a real change
        String scheduler = Schedulers.parse(LoopDevices.queue(loop, "scheduler")).requireTwo().otherThanActive();
        Policy policy = policy(TuningFixtures.queue(QueueAttribute.SCHEDULER, scheduler,
                QueueAttribute.READ_AHEAD_KB, "768"));
        HostPlan plan = planOnThisMachine(policy);
        String text = UdevRules.render(plan, policy, lastSnapshot);
        assertThat(text).contains("KERNEL==\"" + loop + "\"");
        String original = LoopDevices.queue(loop, "scheduler") + LoopDevices.queue(loop, "read_ahead_kb");
        String partitionOriginal = LoopDevices.queue(partitioned, "scheduler") + LoopDevices.queue(partitioned, "read_ahead_kb");
        // udevadm test reads only the standard directories: a uniquely named file there, always removed
        Path installed = Path.of("/etc/udev/rules.d/61-jts-fleet-it-" + UUID.randomUUID() + ".rules");
        try {
            Files.writeString(installed, text, StandardCharsets.UTF_8);

            String disk = LoopDevices.runMerged(List.of("udevadm", "test", "--action=change", "/sys/block/" + loop));
            String part = LoopDevices.runMerged(List.of("udevadm", "test", "--action=change",
                    "/sys/block/" + partitioned + "/" + partitioned + "p1"));

            // udevadm's wording of what it wrote differs between versions: the effect on sysfs is the proof
            assertThat(disk).as(disk).startsWith("exit 0");
            assertThat(LoopDevices.queue(loop, "scheduler")).as(disk).contains("[" + scheduler + "]");
            assertThat(LoopDevices.queue(loop, "read_ahead_kb").strip()).isEqualTo("768");
            assertThat(part).as(part).startsWith("exit 0").doesNotContainIgnoringCase("failed to write");
            assertThat(LoopDevices.queue(partitioned, "scheduler") + LoopDevices.queue(partitioned, "read_ahead_kb")).isEqualTo(partitionOriginal);
        } finally {
            Files.deleteIfExists(installed);
            restore(loop, original);
        }
    }

    /** Puts a device back the way the test found it (its scheduler file shows "[name]"). */
    private static void restore(String device, String schedulerAndReadAhead) throws IOException {
        String scheduler = schedulerAndReadAhead.replaceAll("(?s).*\\[([a-z-]+)\\].*", "$1");
        String readAhead = schedulerAndReadAhead.substring(schedulerAndReadAhead.indexOf('\n') + 1).strip();
        Files.writeString(Path.of("/sys/block", device, "queue", "scheduler"), scheduler);
        Files.writeString(Path.of("/sys/block", device, "queue", "read_ahead_kb"), readAhead);
    }
}
