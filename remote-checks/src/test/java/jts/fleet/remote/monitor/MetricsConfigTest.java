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
