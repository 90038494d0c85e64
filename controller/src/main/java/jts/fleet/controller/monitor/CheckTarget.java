package jts.fleet.controller.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.Policy;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.stats.DeviceInfo;

/**
 * One host for {@code check}. {@code tierByMount}: mountpoint to tier of the mounts the policy trims;
 * {@code trimLog}: the trim.jsonl lines from the gather snapshot; {@code drift}: findings of the tuning engine
 * when the caller has them, else drift is read from the host's metrics textfile.
 */
public record CheckTarget(String host, Policy policy, Map<String, String> tierByDevice,
                          Map<String, DeviceInfo> deviceInfo, Map<String, String> tierByMount,
                          List<String> trimLog, Optional<List<Finding>> drift, Optional<String> sysroot) {
    public CheckTarget {
        tierByDevice = Map.copyOf(tierByDevice);
        deviceInfo = Map.copyOf(deviceInfo);
        tierByMount = Map.copyOf(tierByMount);
        trimLog = List.copyOf(trimLog);
        drift = drift.map(List::copyOf);
    }

    /** A host read at its real root. */
    public CheckTarget(String host, Policy policy, Map<String, String> tierByDevice, Map<String, DeviceInfo> deviceInfo,
                       Map<String, String> tierByMount, List<String> trimLog, Optional<List<Finding>> drift) {
        this(host, policy, tierByDevice, deviceInfo, tierByMount, trimLog, drift, Optional.empty());
    }

    /**
     * From a host's tier assignment; the trim log is the tail of trim.jsonl carried by the gather snapshot.
     * {@code drift}: the tuning engine's findings when available, else empty (read from the host's textfile).
     */
    public static CheckTarget of(jts.fleet.inventory.HostSpec host, jts.fleet.remote.model.StorageModel model,
                                 Optional<List<Finding>> drift) {
        return new CheckTarget(host.name(), host.policy(), model.deviceTiers(), DeviceInfo.of(model.snapshot()),
                model.mountTiers(), model.snapshot().trimLog(), drift,
                jts.fleet.controller.gather.Sysroots.of(host));
    }
}
