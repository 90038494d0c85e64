package jts.fleet.controller.monitor;

import java.util.Map;

import jts.fleet.inventory.Policy;
import jts.fleet.remote.stats.DeviceInfo;

/**
 * One host to watch: its inventory name, effective policy (tier thresholds), the tier of each device (from the
 * tier assigner, gathered once at start) and what the statistics need to know per device (parallel, stacked).
 * Devices missing from the maps still show, with no tier, judged by nothing and described from their name.
 */
public record WatchTarget(String host, Policy policy, Map<String, String> tierByDevice,
                          Map<String, DeviceInfo> deviceInfo, java.util.Optional<String> sysroot) {
    public WatchTarget {
        tierByDevice = Map.copyOf(tierByDevice);
        deviceInfo = Map.copyOf(deviceInfo);
    }

    /** A host read at its real root. */
    public WatchTarget(String host, Policy policy, Map<String, String> tierByDevice, Map<String, DeviceInfo> deviceInfo) {
        this(host, policy, tierByDevice, deviceInfo, java.util.Optional.empty());
    }

    /** From a host's tier assignment (gathered once at the start of watch). */
    public static WatchTarget of(jts.fleet.inventory.HostSpec host, jts.fleet.remote.model.StorageModel model) {
        return new WatchTarget(host.name(), host.policy(), model.deviceTiers(), DeviceInfo.of(model.snapshot()),
                jts.fleet.controller.gather.Sysroots.of(host));
    }
}
