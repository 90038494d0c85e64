package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import org.junit.jupiter.api.Test;

/** Tier precedence on hand-built policies (the fixtures test covers the embedded JTS policy). */
class TierAssignerTest {
    private static final Thresholds THRESHOLDS = new Thresholds(1, 2, 1, 2, 1, 2, 1, 2, 7, 80, 90);

    static Tier tier(String name, Set<DeviceClass> classes, List<String> devices, List<String> mounts) {
        return new Tier(name, new TierMatch(classes, devices, mounts), Map.of(), true, THRESHOLDS, false);
    }

    static Policy policy(Tier... tiers) {
        return new Policy(List.of(tiers), new Maintenance(List.of(), "Sat *-*-* 03:00:00", 60), Map.of());
    }

    @Test
    void firstTierInPolicyOrderWins() throws Exception {
        HostSnapshot s = Fixtures.snapshot("sata-md-host");
        // warm (class) listed before a tier that names /data/warm-storage: the class match wins
        StorageModel classFirst = TierAssigner.assign(s, policy(
                tier("warm", Set.of(DeviceClass.SSD, DeviceClass.HDD), List.of(), List.of()),
                tier("archive", Set.of(), List.of(), List.of("/data/warm-storage"))));
        assertThat(classFirst.tierOf("md0")).contains("warm");
        assertThat(classFirst.deviceTierReasons()).containsEntry("md0", "leaf devices sda, sdb are ssd");
        assertThat(classFirst.tierOfMount("/data/warm-storage")).contains("archive"); // mounts: path first
        // the mount tier listed first: its whole stack (md0, sda1, sdb1, sda, sdb) joins it
        StorageModel mountFirst = TierAssigner.assign(s, policy(
                tier("archive", Set.of(), List.of(), List.of("/data/warm-storage/")),
                tier("warm", Set.of(DeviceClass.SSD, DeviceClass.HDD), List.of(), List.of())));
        assertThat(mountFirst.deviceTiers()).containsEntry("md0", "archive").containsEntry("sda1", "archive")
                .containsEntry("sdb1", "archive").containsEntry("sda", "archive").containsEntry("sdb", "archive")
                .containsEntry("sda2", "warm").containsEntry("sdb2", "warm");
        assertThat(mountFirst.deviceTierReasons().get("sda")).isEqualTo("mount /data/warm-storage on md0");
        assertThat(mountFirst.unmanaged()).containsExactly("sr0");
    }

    @Test
    void globsMatchDevicesAndTheirPartitions() throws Exception {
        HostSnapshot s = Fixtures.snapshot("virtio-vm");
        StorageModel m = TierAssigner.assign(s, policy(tier("boot", Set.of(), List.of("vd[!b]"), List.of())));
        assertThat(m.deviceTiers()).containsOnlyKeys("vda", "vda1", "vda2");
        assertThat(m.deviceTierReasons()).containsEntry("vda1", "device glob vd[!b]");
        assertThat(m.tierOfMount("/boot")).contains("boot");
        assertThat(m.tierOfMount("/var/lib/clickhouse")).isEmpty();
        assertThat(m.unmanaged()).containsExactly("vdb");
    }

    @Test
    void hiddenPathsNeverGetATierAndNetworkMountsFallBackToTheNetworkClass() throws Exception {
        StorageModel multipath = TierAssigner.assign(Fixtures.snapshot("nvme-multipath"),
                policy(tier("all", Set.of(DeviceClass.NVME), List.of("*"), List.of("/"))));
        assertThat(multipath.deviceTiers()).doesNotContainKeys("nvme0c0n1", "nvme0c1n1")
                .containsKeys("nvme0n1", "nvme0n1p1", "sda", "sda1");
        assertThat(multipath.unmanaged()).doesNotContain("nvme0c0n1");

        StorageModel nfs = TierAssigner.assign(Fixtures.snapshot("nfs-cifs"), policy(
                tier("backup", Set.of(), List.of(), List.of("/mnt/synology")),
                tier("cold", Set.of(DeviceClass.NETWORK), List.of(), List.of())));
        assertThat(nfs.tierOfMount("/mnt/synology")).contains("backup");
        assertThat(nfs.tierOfMount("/backup/daily")).contains("cold"); // bind of it, but a different path
        assertThat(nfs.tierOfMount("/mnt/share docs")).contains("cold");
        assertThat(nfs.tierOfMount("/jobs")).isEmpty(); // on xvda1, which no tier selects
        assertThat(nfs.mountTiers()).doesNotContainKey("/net"); // autofs trigger: not storage
    }

    @Test
    void removableMediaAreNotSelectedByClass() throws Exception {
        StorageModel m = TierAssigner.assign(Fixtures.snapshot("sata-md-host"),
                policy(tier("spinning", Set.of(DeviceClass.HDD), List.of(), List.of())));
        assertThat(m.tierOf("sdb")).contains("spinning");
        assertThat(m.tierOf("sr0")).isEmpty();
        assertThat(m.tierOf("md0")).isEmpty(); // one leaf (sda) is an SSD
    }

    @Test
    void pathsAndGlobs() {
        assertThat(TierAssigner.under("/var/lib/postgresql/16/main", "/var/lib/postgresql")).isTrue();
        assertThat(TierAssigner.under("/var/lib/postgresql", "/var/lib/postgresql/")).isTrue();
        assertThat(TierAssigner.under("/var/lib/postgresql-old", "/var/lib/postgresql")).isFalse();
        assertThat(TierAssigner.under("/anything", "/")).isTrue();
        assertThat(TierAssigner.glob("nvme*", "nvme0n1p1")).isTrue();
        assertThat(TierAssigner.glob("sd?", "sda")).isTrue();
        assertThat(TierAssigner.glob("sd?", "sda1")).isFalse();
        assertThat(TierAssigner.glob("sd[a-c]", "sdd")).isFalse();
        assertThat(TierAssigner.glob("dm.0", "dm-0")).isFalse(); // "." is literal
        assertThat(TierAssigner.glob("[", "[")).isTrue();
    }
}
