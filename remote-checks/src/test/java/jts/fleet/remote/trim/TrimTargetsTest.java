package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;

/** Trim targets from recorded gather outputs (the model's fixtures under src/test/resources/fixtures). */
class TrimTargetsTest {
    private static final Thresholds THRESHOLDS = new Thresholds(1, 2, 1, 2, 1, 2, 1, 2, 7, 80, 90);

    private static HostSnapshot snapshot(String fixture) throws Exception {
        return GatherParser.parse(fixture, Files.readString(Path.of("src/test/resources/fixtures", fixture, "gather.out")));
    }

    private static Tier tier(String name, boolean trim, Set<DeviceClass> classes, List<String> devices, List<String> mounts) {
        return new Tier(name, new TierMatch(classes, devices, mounts), Map.of(), trim, THRESHOLDS, false);
    }

    @Test
    void onlyMountsOfTrimmingTiersPlusConfiguredPathsThatWereNotMounted() throws Exception {
        Policy policy = new Policy(List.of(
                tier("hot", true, Set.of(), List.of("vdb"), List.of("/srv/not-mounted-yet/", "/data/*")),
                tier("boot", false, Set.of(), List.of("vda"), List.of())),
                new Maintenance(List.of(), "Sat *-*-* 03:00:00", 60), Map.of());
        HostSnapshot vm = snapshot("virtio-vm");
        assertThat(TrimTargets.mounts(TierAssigner.assign(vm, policy), policy))
                .containsExactly("/var/lib/clickhouse", "/srv/not-mounted-yet");
    }

    @Test
    void bindAndNetworkMountsStayInForTheScriptToExplain() throws Exception {
        Policy policy = new Policy(List.of(tier("cold", true, Set.of(DeviceClass.NETWORK), List.of(), List.of())),
                new Maintenance(List.of(), "Sat *-*-* 03:00:00", 60), Map.of());
        List<String> mounts = TrimTargets.mounts(TierAssigner.assign(snapshot("nfs-cifs"), policy), policy);
        assertThat(mounts).contains("/mnt/synology", "/backup/daily").doesNotContain("/jobs");
        // and the config renders them as the script reads them
        assertThat(TrimConfig.of("nas-client", mounts, List.of(), java.util.Optional.empty()).render())
                .contains("\nmount /mnt/synology\nmount /backup/daily\n");
    }
}
