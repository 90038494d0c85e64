package jts.fleet.controller.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;

/**
 * {@code --tier NAME}: every writable local mount of that tier on the host (from a fresh gather), one per
 * filesystem: bind mounts and repeated mounts of the same device are benchmarked once. Network mounts (NFS, CIFS:
 * the cold tier) only with {@code --allow-network}. {@code --target}
 * requests pass through unchanged.
 */
public final class TierTargets implements TargetResolver {
    private final Duration gatherTimeout;

    public TierTargets(Duration gatherTimeout) {
        this.gatherTimeout = gatherTimeout;
    }

    @Override
    public List<String> targets(HostSpec host, Transport transport, BenchRequest request) throws TransportException {
        if (request.target().isPresent()) {
            return List.of(request.target().get());
        }
        String tier = request.tier().orElseThrow();
        if (host.policy().tier(tier).isEmpty()) {
            throw new IllegalArgumentException(host.name() + ": the policy has no tier " + tier);
        }
        StorageModel model = HostGather.model(transport, host, gatherTimeout);
        return select(model, tier, host.name(), request.allowNetwork());
    }

    static List<String> select(StorageModel model, String tier, String hostName, boolean allowNetwork) {
        List<String> targets = new ArrayList<>();
        Set<String> devices = new HashSet<>();
        int network = 0;
        for (Mount m : model.snapshot().mounts()) {
            if (!tier.equals(model.mountTiers().get(m.path())) || m.readOnly() || m.autofs()
                    || m.bindOf().isPresent() || !Mount.isSafePath(m.path())) {
                continue;
            }
            if (m.network()) {
                network++;
                if (!allowNetwork) {
                    continue;
                }
            } else if (m.device().isEmpty()) {
                continue;
            }
            // one filesystem once, whatever its number of mount points
            if (devices.add(m.majorMinor())) {
                targets.add(m.path());
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(hostName + ": no writable local mount belongs to tier " + tier
                    + (network > 0 && !allowNetwork ? "; it has " + network + " network mount(s): add --allow-network"
                            + " to benchmark them (at most " + (BenchRequest.NETWORK_SIZE_CAP >> 20)
                            + " MiB per job: a NAS is shared)" : ""));
        }
        return targets;
    }
}
