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
        try (InputStream in = MetricsConfigTest.class.getResourceAsStream("/fixtures/" + name + "/gather.out")) {
            return GatherParser.parse("db-01", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
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
        String gathered;
        try (InputStream in = MetricsConfigTest.class.getResourceAsStream("/fixtures/nvme-db-host/gather.out")) {
            gathered = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = gathered.indexOf("@@section mountinfo\n") + "@@section mountinfo\n".length();
        int end = gathered.indexOf("@@end\n", start);
        List<String> lines = new java.util.ArrayList<>(gathered.substring(start, end).lines().toList());
        java.util.Collections.reverse(lines);
        String rebooted = gathered.substring(0, start) + String.join("\n", lines) + "\n" + gathered.substring(end);
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
