package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.model.TierAssigner;

/** The named checks of run-check on recorded gather outputs (remote-checks fixtures) under the JTS policy. */
class HostCheckTest {
    private static String recorded(String fixture) throws Exception {
        try (InputStream in = GatherScript.class.getResourceAsStream("/fixtures/" + fixture + "/gather.out")) {
            assertThat(in).as("fixture %s on the test classpath (remote-checks test-jar)", fixture).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The recorded output with one attribute of one device's block section changed (drift made to order). */
    private static String withAttribute(String gather, String device, String key, String value) {
        int section = gather.indexOf("@@section block " + device + "\n");
        assertThat(section).as("block section of %s", device).isNotNegative();
        int end = gather.indexOf("@@end", section);
        int line = gather.indexOf("\n" + key + "=", section);
        assertThat(line).as("%s of %s", key, device).isBetween(section, end);
        int lineEnd = gather.indexOf('\n', line + 1);
        return gather.substring(0, line + 1) + key + "=" + value + gather.substring(lineEnd);
    }

    private static String withTrimLog(String gather, String... lines) {
        int section = gather.indexOf("@@section trimlog\n");
        int end = gather.indexOf("@@end", section);
        return gather.substring(0, section) + "@@section trimlog\n" + String.join("\n", lines) + "\n"
                + gather.substring(end);
    }

    private static List<String> run(String check, String fixture, String gather, Instant now) throws Exception {
        return run(check, fixture, gather, now, InventoryLoader.standard().defaultPolicy());
    }

    private static List<String> run(String check, String fixture, String gather, Instant now, Policy policy)
            throws Exception {
        HostSpec host = new HostSpec(fixture, HostSpec.Connection.LOCAL, "localhost", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of(), Optional.empty(), policy);
        StorageModel model = TierAssigner.assign(GatherParser.parse(fixture, gather), policy);
        return HostCheck.named(check).orElseThrow().run(host, model, now).stream()
                .map(f -> RunCheckCommand.level(f.severity()) + " " + f.subject() + ": " + f.message()).toList();
    }

    private static List<String> run(String check, String fixture, Instant now) throws Exception {
        return run(check, fixture, recorded(fixture), now);
    }

    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void everyCheckHasAUniqueNameAndADescription() {
        assertThat(HostCheck.names()).doesNotHaveDuplicates().hasSize(HostCheck.ALL.size());
        HostCheck.ALL.forEach(c -> assertThat(c.description()).as(c.name()).isNotBlank());
    }

    @Test
    void schedulerComparesEveryTieredLeafDeviceWithItsTier() throws Exception {
        assertThat(run("scheduler", "nvme-db-host", NOW)).containsExactly(
                "ok nvme0n1: scheduler none as tier hot wants",
                "ok nvme1n1: scheduler none as tier hot wants");
        String drifted = withAttribute(recorded("nvme-db-host"), "nvme1n1", "queue/scheduler",
                "none [mq-deadline] kyber bfq");
        assertThat(run("scheduler", "nvme-db-host", drifted, NOW)).containsExactly(
                "ok nvme0n1: scheduler none as tier hot wants",
                "fail nvme1n1: scheduler is mq-deadline, tier hot wants none");
        String withoutNone = withAttribute(recorded("nvme-db-host"), "nvme1n1", "queue/scheduler", "[mq-deadline] kyber");
        assertThat(run("scheduler", "nvme-db-host", withoutNone, NOW)).contains(
                "fail nvme1n1: scheduler is mq-deadline, tier hot wants none (the device does not offer it: mq-deadline kyber)");
    }

    @Test
    void readAheadComparesEveryTieredLeafDeviceWithItsTier() throws Exception {
        String drifted = withAttribute(recorded("nvme-db-host"), "nvme0n1", "queue/read_ahead_kb", "8192");
        assertThat(run("read-ahead", "nvme-db-host", drifted, NOW)).containsExactly(
                "fail nvme0n1: read_ahead_kb is 8192, tier hot wants 128",
                "ok nvme1n1: read_ahead_kb 128 as tier hot wants");
    }

    /** The planner's rule, not a copy: a zoned device keeps mq-deadline whatever its tier says, and that is fine. */
    @Test
    void aZonedDeviceKeepingMqDeadlineIsNotDrift() throws Exception {
        String zoned = withAttribute(withAttribute(recorded("nvme-db-host"), "nvme1n1", "queue/zoned", "host-managed"),
                "nvme1n1", "queue/scheduler", "none [mq-deadline] kyber bfq");
        assertThat(run("scheduler", "nvme-db-host", zoned, NOW)).containsExactly(
                "ok nvme0n1: scheduler none as tier hot wants",
                "ok nvme1n1: scheduler mq-deadline: zoned device (host-managed) keeps mq-deadline (tier hot wants none)");
    }

    private static Policy onePolicyTier(List<String> devices, List<String> mounts, QueueAttribute key, String value)
            throws Exception {
        Policy standard = InventoryLoader.standard().defaultPolicy();
        Map<QueueAttribute, String> queue = new LinkedHashMap<>();
        queue.put(key, value);
        return new Policy(List.of(new Tier("pg", new TierMatch(Set.of(), devices, mounts), queue, true,
                standard.tiers().get(0).thresholds(), false)), standard.maintenance(), Map.of());
    }

    /**
     * A tier that selects a partition (nvme0n1p3) puts its settings on the disk, as apply does: the disk is what
     * the check compares (a copy of the rule that looked only at whole devices with a tier of their own found no
     * device at all).
     */
    @Test
    void aTierFromAPartitionIsCheckedOnItsDisk() throws Exception {
        Policy byPartition = onePolicyTier(List.of("nvme0n1p3"), List.of(), QueueAttribute.READ_AHEAD_KB, "4096");
        assertThat(run("read-ahead", "nvme-db-host", recorded("nvme-db-host"), NOW, byPartition)).containsExactly(
                "fail nvme0n1: read_ahead_kb is 128, tier pg (device glob nvme0n1p3 (via nvme0n1p3)) wants 4096");
    }

    /** A tier that selects a mount on LVM (dm-1 over nvme0n1p3 and nvme1n1) is checked on the leaf disks. */
    @Test
    void aTierFromAMountOnLvmIsCheckedOnItsLeafDisks() throws Exception {
        Policy byMount = onePolicyTier(List.of(), List.of("/var/lib/postgresql"), QueueAttribute.READ_AHEAD_KB, "4096");
        String drifted = withAttribute(recorded("nvme-db-host"), "nvme1n1", "queue/read_ahead_kb", "4096");
        assertThat(run("read-ahead", "nvme-db-host", drifted, NOW, byMount)).containsExactly(
                "fail nvme0n1: read_ahead_kb is 128, tier pg (mount /var/lib/postgresql on dm-1 (via dm-1)) wants 4096",
                "ok nvme1n1: read_ahead_kb 4096 as tier pg (mount /var/lib/postgresql on dm-1 (via dm-1)) wants");
        assertThat(run("scheduler", "nvme-db-host", drifted, NOW, byMount)).containsExactly(
                "ok nvme0n1: tier pg (mount /var/lib/postgresql on dm-1 (via dm-1)) sets no scheduler (current none)",
                "ok nvme1n1: tier pg (mount /var/lib/postgresql on dm-1 (via dm-1)) sets no scheduler (current none)");
    }

    @Test
    void tunedNamesTheActiveProfile() throws Exception {
        assertThat(run("tuned", "nvme-db-host", NOW)).containsExactly("warn /etc/tuned/active_profile: tuned profile "
                + "'postgresql-throughput' is active: its disk plugin can overwrite scheduler and read-ahead after boot");
    }

    @Test
    void udevRulesNamesCompetingFilesWithTheirFirstLine() throws Exception {
        assertThat(run("udev-rules", "nvme-db-host", NOW)).containsExactly(
                "warn /etc/udev/rules.d/60-jts-legacy.rules: 2 line(s) set queue attributes, competing with jts-fleet: "
                        + "ACTION==\"add|change\", KERNEL==\"nvme[0-9]*\", ATTR{queue/scheduler}=\"none\"",
                "ok /etc/udev/rules.d/60-jts-fleet.rules: not installed (no `apply` yet)");
    }

    @Test
    void discardFollowsEveryLayerOfTrimTierMounts() throws Exception {
        assertThat(run("discard", "nvme-db-host", NOW)).containsExactly(
                "ok /: discards reach the device (tier hot)",
                "ok /boot: discards reach the device (tier hot)",
                "ok /boot/efi: discards reach the device (tier hot)",
                "ok /var/lib/postgresql: discards reach the device (tier hot)");
        // LVM over two disks: one disk that swallows discards makes TRIM of the volume useless
        String swallowing = withAttribute(recorded("nvme-db-host"), "nvme1n1", "queue/discard_max_bytes", "0");
        assertThat(run("discard", "nvme-db-host", swallowing, NOW)).contains(
                "fail /var/lib/postgresql: TRIM would have no effect: discard_max_bytes is 0 on nvme1n1",
                "ok /: discards reach the device (tier hot)");
    }

    @Test
    void trimLogJudgesTheLastRunOfEveryTrimTierMount() throws Exception {
        String gather = withTrimLog(recorded("nvme-db-host"),
                "{\"ts\":1795000000,\"host\":\"db-01\",\"mount\":\"/var/lib/postgresql\",\"device\":\"/dev/dm-1\","
                        + "\"majmin\":\"253:1\",\"bytes\":81604378624,\"duration_s\":41.2,\"result\":\"ok\"}",
                "{\"ts\":1795900000,\"host\":\"db-01\",\"mount\":\"/\",\"device\":\"/dev/dm-0\",\"majmin\":\"253:0\","
                        + "\"bytes\":0,\"duration_s\":0.1,\"result\":\"failed\",\"reason\":\"FITRIM: Operation not supported\"}",
                "{\"ts\":1795900000,\"host\":\"db-01\",\"mount\":\"/boot\",\"device\":\"/dev/nvme0n1p2\","
                        + "\"majmin\":\"259:2\",\"bytes\":1048576,\"duration_s\":0.2,\"result\":\"ok\"}");
        Instant now = Instant.ofEpochSecond(1795900000L + 3600);
        assertThat(run("trim-log", "nvme-db-host", gather, now)).containsExactly(
                "warn /: last TRIM failed at 2026-11-28T21:06:40Z: FITRIM: Operation not supported",
                "ok /boot: last successful TRIM 1 h ago, 1048576 bytes",
                "warn /boot/efi: no TRIM recorded yet (is the timer installed? `trim install`)",
                "warn /var/lib/postgresql: last successful TRIM 10 days ago (overdue after 10 days)");
    }

    @Test
    void malformedTrimLogLinesAreReportedWithTheirLineNumber() throws Exception {
        assertThat(run("trim-log", "nvme-db-host", NOW)).startsWith(
                "warn trim.jsonl:1: field \"ts\": missing or not a number",
                "warn trim.jsonl:2: field \"ts\": missing or not a number");
    }
}
