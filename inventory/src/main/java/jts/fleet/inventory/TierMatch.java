package jts.fleet.inventory;

import java.util.List;
import java.util.Set;

/**
 * What a tier selects. A device belongs to the tier when any criterion matches: its class, its kernel name
 * (glob), or a mount in {@code mounts} whose filesystem lives on it. Network filesystems (NFS/CIFS) are matched
 * by class {@code network} or by mount path.
 */
public record TierMatch(Set<DeviceClass> classes, List<String> devices, List<String> mounts) {
    public TierMatch {
        classes = Set.copyOf(classes);
        devices = List.copyOf(devices);
        mounts = List.copyOf(mounts);
    }
}
