package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.MountOptionExpectation;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;

/** The cold tier's mount_options against the recorded NFS and CIFS mounts of the nfs-cifs fixture. */
class MountOptionCheckTest {
    private static final HostSnapshot NAS = TuningFixtures.snapshot("fixtures/nfs-cifs/gather.out");

    private static List<MountOptionCheck.Result> check(String... expectations) throws InventoryException {
        StringBuilder yaml = new StringBuilder("hosts: {b: {address: b}}\npolicy:\n  tiers:\n    - name: cold\n"
                + "      match: {classes: [network]}\n      mount_options: [");
        for (int i = 0; i < expectations.length; i++) {
            yaml.append(i == 0 ? "" : ", ").append('"').append(expectations[i]).append('"');
        }
        yaml.append("]\n");
        Policy policy = InventoryLoader.standard().loadFromString(yaml.toString(), "inv.yaml").policy();
        return MountOptionCheck.check(TierAssigner.assign(NAS, policy), policy);
    }

    @Test
    void nfsDefaultsTheClientDoesNotPrintCountAsWhatTheyAre() throws Exception {
        List<MountOptionCheck.Result> f = check("nconnect>=4", "hard", "vers=4.1", "rsize>=1048576", "proto=tcp",
                "!soft");
        List<MountOptionCheck.Result> synology = f.stream().filter(x -> x.mount().equals("/mnt/synology")).toList();
        assertThat(synology).extracting(MountOptionCheck.Result::expected, MountOptionCheck.Result::actual,
                MountOptionCheck.Result::ok).containsExactly(
                org.assertj.core.groups.Tuple.tuple("nconnect>=4", "nconnect=1 (the default)", false),
                org.assertj.core.groups.Tuple.tuple("hard", "present", true),
                org.assertj.core.groups.Tuple.tuple("vers=4.1", "vers=4.1", true),
                org.assertj.core.groups.Tuple.tuple("rsize>=1048576", "rsize=131072", false),
                org.assertj.core.groups.Tuple.tuple("proto=tcp", "proto=tcp", true),
                org.assertj.core.groups.Tuple.tuple("!soft", "absent", true));
        assertThat(synology.get(0).fix()).isEqualTo("set nconnect=4 (or more) in the /etc/fstab entry (or automount "
                + "map) of /mnt/synology and remount it when its users allow; jts-fleet never remounts");
        // the bind mount of the same export is checked once, on the filesystem it shows
        assertThat(f).extracting(MountOptionCheck.Result::mount).doesNotContain("/backup/daily");
    }

    @Test
    void nfsOnlyOptionsAreNotExpectedOfCifs() throws Exception {
        List<MountOptionCheck.Result> cifs = check("nconnect>=4", "hard", "vers=3.1.1").stream()
                .filter(x -> x.fstype().equals("cifs")).toList();
        assertThat(cifs).extracting(MountOptionCheck.Result::expected).containsExactly("hard", "vers=3.1.1");
        assertThat(cifs.get(0).ok()).as("CIFS defaults to soft: hard must be explicit").isFalse();
        assertThat(cifs.get(1).ok()).isTrue();
    }

    @Test
    void fuseMountsGetOnlyGenericOptions() throws Exception {
        // sshfs is in the cold tier (class network) but is neither NFS nor CIFS: hard and nconnect mean nothing there
        assertThat(check("hard", "nconnect>=4", "noatime")).filteredOn(x -> x.fstype().equals("fuse.sshfs"))
                .extracting(MountOptionCheck.Result::expected).containsExactly("noatime");
    }

    @Test
    void theEmbeddedColdTierExpectsHardAndNconnect() throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        assertThat(policy.tier("cold").orElseThrow().mountOptions()).extracting(MountOptionExpectation::text)
                .containsExactly("hard", "nconnect>=4");
        assertThat(MountOptionCheck.check(TierAssigner.assign(NAS, policy), policy))
                .filteredOn(x -> !x.ok()).isNotEmpty();
    }
}
