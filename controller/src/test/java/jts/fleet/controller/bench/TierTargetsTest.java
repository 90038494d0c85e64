package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.model.TierAssigner;

/** {@code bench run --tier cold}: the NAS mounts of the recorded nfs-cifs host, only with --allow-network. */
class TierTargetsTest {
    private static StorageModel nas() throws Exception {
        try (InputStream in = TierTargetsTest.class.getResourceAsStream("/fixtures/nfs-cifs/gather.out")) {
            Policy policy = InventoryLoader.standard().defaultPolicy();
            return TierAssigner.assign(GatherParser.parse("backup-01",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)), policy);
        }
    }

    @Test
    void networkMountsNeedAllowNetworkAndAreBenchmarkedOncePerFilesystem() throws Exception {
        StorageModel model = nas();
        assertThatThrownBy(() -> TierTargets.select(model, "cold", "backup-01", false))
                .hasMessage("backup-01: no writable local mount belongs to tier cold; it has 3 network mount(s): add "
                        + "--allow-network to benchmark them (at most 256 MiB per job: a NAS is shared)");
        // /backup/daily is a second mount of the Synology export: once
        assertThat(TierTargets.select(model, "cold", "backup-01", true))
                .containsExactly("/mnt/synology", "/mnt/share docs", "/mnt/remote");
    }

    @Test
    void allowNetworkCapsTheSizePerJob() {
        BenchRequest capped = new BenchRequest(List.of("baseline"), Optional.empty(), Optional.of("cold"),
                new BenchParameters(30, 1L << 30), "", false, Optional.empty(), false, true);
        assertThat(capped.parameters().sizeBytes()).isEqualTo(BenchRequest.NETWORK_SIZE_CAP);
        BenchRequest small = new BenchRequest(List.of("baseline"), Optional.empty(), Optional.of("cold"),
                new BenchParameters(30, 64L << 20), "", false, Optional.empty(), false, true);
        assertThat(small.parameters().sizeBytes()).isEqualTo(64L << 20);
        BenchRequest local = new BenchRequest(List.of("baseline"), Optional.empty(), Optional.of("hot"),
                new BenchParameters(30, 1L << 30), "", false);
        assertThat(local.parameters().sizeBytes()).isEqualTo(1L << 30);
    }
}
