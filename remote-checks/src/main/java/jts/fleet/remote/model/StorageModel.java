package jts.fleet.remote.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's snapshot with the policy applied: the tier of each device (by kernel name) and of each storage
 * mount (by path), why each device got its tier, and the devices no tier selected ({@code unmanaged}: never
 * touched). Hidden devices never appear in either.
 */
public record StorageModel(HostSnapshot snapshot, Map<String, String> deviceTiers,
                           Map<String, String> deviceTierReasons, Map<String, String> mountTiers,
                           List<String> unmanaged) {
    public StorageModel {
        deviceTiers = Collections.unmodifiableMap(new LinkedHashMap<>(deviceTiers));
        deviceTierReasons = Collections.unmodifiableMap(new LinkedHashMap<>(deviceTierReasons));
        mountTiers = Collections.unmodifiableMap(new LinkedHashMap<>(mountTiers));
        unmanaged = List.copyOf(unmanaged);
    }

    public Optional<String> tierOf(String device) {
        return Optional.ofNullable(deviceTiers.get(device));
    }

    public Optional<String> tierOfMount(String path) {
        return Optional.ofNullable(mountTiers.get(path));
    }

    /** Devices of one tier, in gather order. */
    public List<BlockDevice> devicesOf(String tier) {
        List<BlockDevice> devices = new java.util.ArrayList<>();
        for (BlockDevice d : snapshot.devices()) {
            if (tier.equals(deviceTiers.get(d.name()))) {
                devices.add(d);
            }
        }
        return Collections.unmodifiableList(devices);
    }
}
