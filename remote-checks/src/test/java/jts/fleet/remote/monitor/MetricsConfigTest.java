package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.model.TierAssigner;
import org.junit.jupiter.api.Test;
import jts.fleet.inventory.testing.Golden;

class MetricsConfigTest {
    private static final Golden GOLDEN = Golden.under("monitor/golden");


    private static HostSnapshot fixture(String name) throws Exception {
        return GatherParser.parse("db-01", gathered(name));
    }

    /** The recorded gather output of fixture {@code name}. */
    private static String gathered(String name) throws Exception {
        try (InputStream in = MetricsConfigTest.class.getResourceAsStream("/fixtures/" + name + "/gather.out")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String MOUNTINFO = "@@section mountinfo\n";

    /** The lines of the mountinfo section of {@code gathered}. */
    private static List<String> mountinfo(String gathered) {
        int start = gathered.indexOf(MOUNTINFO) + MOUNTINFO.length();
        return gathered.substring(start, gathered.indexOf("@@end\n", start)).lines().toList();
    }

    /** {@code gathered} with {@code lines} as its mountinfo section. */
    private static String withMountinfo(String gathered, List<String> lines) {
        int start = gathered.indexOf(MOUNTINFO) + MOUNTINFO.length();
        return gathered.substring(0, start) + String.join("\n", lines) + "\n"
                + gathered.substring(gathered.indexOf("@@end\n", start));
    }

    /** The recorded nvme-db-host (LVM over two NVMe, partitions, a snap loop) under the embedded JTS policy. */
    @Test
    void configForTheNvmeDbHostMatchesGolden() throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        StorageModel model = TierAssigner.assign(fixture("nvme-db-host"), policy);
        MetricsConfig config = MetricsConfig.forHost(model, policy, MetricsConfig.DEFAULT_TEXTFILE_DIR,
                MetricsConfig.DEFAULT_STATE_DIR);
        GOLDEN.assertMatches("metrics-nvme-db-host.conf", config.render());
        // dm devices are listed (identity) but their queue attributes are checked on the leaves
        assertThat(config.queue()).extracting(MetricsConfig.QueueEntry::device).doesNotContain("dm-0", "dm-1");
        assertThat(config.healthDevices()).containsExactly("nvme0n1", "nvme1n1");
    }

    /**
     * A reboot mounts the same filesystems in another order (/proc/self/mountinfo is in mount order): the config,
     * and so what monitor install pushes, stays the same, the canary too (it was on a device's first mount).
     */
    @Test
    void theSameMountsInAnotherOrderGiveTheSameConfig() throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        String gathered = gathered("nvme-db-host");
        List<String> lines = new java.util.ArrayList<>(mountinfo(gathered));
        java.util.Collections.reverse(lines);
        String rebooted = withMountinfo(gathered, lines);
        assertThat(rebooted).as("the mounts, reversed").isNotEqualTo(gathered);

        MetricsConfig before = MetricsConfig.forHost(TierAssigner.assign(GatherParser.parse("db-01", gathered), policy),
                policy, MetricsConfig.DEFAULT_TEXTFILE_DIR, MetricsConfig.DEFAULT_STATE_DIR);
        MetricsConfig after = MetricsConfig.forHost(TierAssigner.assign(GatherParser.parse("db-01", rebooted), policy),
                policy, MetricsConfig.DEFAULT_TEXTFILE_DIR, MetricsConfig.DEFAULT_STATE_DIR);
        assertThat(after.render()).isEqualTo(before.render());
        assertThat(after.canaries()).extracting(MetricsConfig.CanaryEntry::mountpoint)
                .as("the filesystem's own root, not the bind mount of a directory in it")
                .containsExactly("/", "/var/lib/postgresql");
    }

    /**
     * The gather parser's primary mount of a filesystem (the one its binds name) and the metrics config's canary
     * follow one order ({@code Mount.PRIMARY_FIRST}), so they agree, and neither moves when the same mounts come up in
     * another order: pgdata is mounted on /var/lib/postgresql, its root bind-mounted on /srv/pg-bind and a directory
     * of it on /srv/pg-main, the lines rotated through every position and reversed.
     */
    @Test
    void theCanaryIsOnTheMountItsBindsNameWhateverTheMountOrder() throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        String gathered = gathered("nvme-db-host");
        List<String> lines = new java.util.ArrayList<>(mountinfo(gathered));
        lines.add("35 28 253:1 / /srv/pg-bind rw,noatime shared:65 - xfs /dev/mapper/vg0-pgdata rw,attr2,inode64,noquota");
        List<List<String>> orders = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> rotated = new java.util.ArrayList<>(lines);
            java.util.Collections.rotate(rotated, i);
            orders.add(rotated);
            List<String> reversed = new java.util.ArrayList<>(rotated);
            java.util.Collections.reverse(reversed);
            orders.add(reversed);
        }
        for (List<String> order : orders) {
            HostSnapshot snapshot = GatherParser.parse("db-01", withMountinfo(gathered, order));
            java.util.Map<String, String> bindOf = new java.util.TreeMap<>();
            snapshot.mounts().forEach(m -> bindOf.put(m.path(), m.bindOf().orElse("-")));
            assertThat(bindOf).as("bind mounts of %s", order)
                    .containsEntry("/srv/pg-bind", "-")
                    .containsEntry("/var/lib/postgresql", "/srv/pg-bind")
                    .containsEntry("/srv/pg-main", "/srv/pg-bind")
                    .containsEntry("/", "-");
            MetricsConfig config = MetricsConfig.forHost(TierAssigner.assign(snapshot, policy), policy,
                    MetricsConfig.DEFAULT_TEXTFILE_DIR, MetricsConfig.DEFAULT_STATE_DIR);
            assertThat(config.canaries()).extracting(MetricsConfig.CanaryEntry::mountpoint).as("canaries of %s", order)
                    .containsExactly("/", "/srv/pg-bind")
                    .allSatisfy(path -> assertThat(snapshot.mount(path).orElseThrow().bindOf())
                            .as("%s is a primary mount", path).isEmpty());
        }
    }

    /** NFS mounts of the cold tier are in jts_mount_info with their source as device, so the NFS rules can join. */
    @Test
    void networkMountsCarryTheirSourceAndTierButNoCanary() throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        StorageModel model = TierAssigner.assign(fixture("nfs-cifs"), policy);
        MetricsConfig config = MetricsConfig.forHost(model, policy, MetricsConfig.DEFAULT_TEXTFILE_DIR,
                MetricsConfig.DEFAULT_STATE_DIR);
        assertThat(config.mounts()).contains(
                new MetricsConfig.MountEntry("/mnt/synology", "synology.lan:/volume1/backup", "cold", "nfs4"));
        assertThat(config.canaries()).extracting(MetricsConfig.CanaryEntry::mountpoint).doesNotContain("/mnt/synology");
    }

    @Test
    void rejectsValuesThatWouldBreakTheFormat() {
        assertThatThrownBy(() -> new MetricsConfig(Path.of("relative"), Path.of("/s"), Optional.empty(), 600,
                MetricsConfig.HealthTool.AUTO, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
                .hasMessageContaining("textfile_dir: \"relative\" must be an absolute path");
        assertThatThrownBy(() -> new MetricsConfig(Path.of("/t"), Path.of("/s"), Optional.empty(), 600,
                MetricsConfig.HealthTool.AUTO, List.of(), List.of(new MetricsConfig.DeviceEntry("sda;rm", "db",
                "ssd", "", "", "")), List.of(), List.of(), List.of(), List.of()))
                .hasMessageContaining("\"sda;rm\" is not a kernel device name");
        assertThatThrownBy(() -> new MetricsConfig(Path.of("/t"), Path.of("/s"), Optional.empty(), 30,
                MetricsConfig.HealthTool.AUTO, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
                .hasMessageContaining("below 60");
        MetricsConfig tabInModel = new MetricsConfig(Path.of("/t"), Path.of("/s"), Optional.empty(), 600,
                MetricsConfig.HealthTool.AUTO, List.of(), List.of(new MetricsConfig.DeviceEntry("sda", "db", "ssd",
                "A\tB", "", "")), List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(tabInModel::render).hasMessageContaining("device: control character in \"A\\tB\"");
    }
}
