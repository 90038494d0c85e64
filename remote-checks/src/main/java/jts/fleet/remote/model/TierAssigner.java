package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Glob;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Tier;

/**
 * Applies a policy's tiers to a snapshot.
 *
 * <p>Devices: tiers are evaluated in policy order and the first tier that selects a device wins. A tier
 * selects a device when any of its criteria does:
 * <ul>
 *   <li>class: the device's class is listed (partitions carry their disk's class; a dm or md device also
 *       matches when all its leaf disks have a listed class, so LVM on NVMe is "nvme"); removable media are
 *       never selected by class;</li>
 *   <li>devices: a glob matches the kernel name (of the device, or of a partition's disk);</li>
 *   <li>mounts: a storage mount at or below one of the tier's paths lives on the device: the mount's
 *       device and everything below it (partition, disk, dm/md slaves down to the leaf disks).</li>
 * </ul>
 * So a mount path makes its whole stack join the tier unless an earlier tier already selected a layer; the
 * order of tiers in the policy is the only precedence rule. Hidden devices (NVMe multipath paths) never get
 * a tier; their head does.
 *
 * <p>Mounts: the first tier with a path at or above the mount path; else the tier of the mount's device;
 * else, for network filesystems, the first tier that lists class {@code network}.
 */
public final class TierAssigner {
    private TierAssigner() {
    }

    public static StorageModel assign(HostSnapshot snapshot, Policy policy) {
        Map<String, String> tiers = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String> unmanaged = new ArrayList<>();
        List<MountStack> stacks = new ArrayList<>();
        for (Mount mount : snapshot.mounts()) {
            if (mount.device().isPresent() && !mount.network()) {
                stacks.add(new MountStack(mount, Set.copyOf(snapshot.stack(mount.device().get()))));
            }
        }
        for (BlockDevice device : snapshot.devices()) {
            if (device.hidden()) {
                continue;
            }
            boolean assigned = false;
            for (Tier tier : policy.tiers()) {
                Optional<String> why = selects(tier, device, snapshot, stacks);
                if (why.isPresent()) {
                    tiers.put(device.name(), tier.name());
                    reasons.put(device.name(), why.get());
                    assigned = true;
                    break;
                }
            }
            if (!assigned) {
                unmanaged.add(device.name());
            }
        }
        Map<String, String> mountTiers = new LinkedHashMap<>();
        for (Mount mount : snapshot.mounts()) {
            if (!mount.isStorage()) {
                continue;
            }
            // in this order: the tier naming the path, the tier of the device, the network tier; written without
            // Optional.or and lambdas, whose first use a one-shot status pays (~60 us a call site)
            String tier = byPath(policy, mount.path()).orElse(null);
            if (tier == null && mount.device().isPresent()) {
                tier = tiers.get(mount.device().get());
            }
            if (tier == null && mount.network()) {
                tier = byNetworkClass(policy).orElse(null);
            }
            if (tier != null) {
                mountTiers.put(mount.path(), tier);
            }
        }
        return new StorageModel(snapshot, tiers, reasons, mountTiers, unmanaged);
    }

    /** A block-backed mount with every device below it, computed once per assignment. */
    private record MountStack(Mount mount, Set<String> devices) {
    }

    private static Optional<String> selects(Tier tier, BlockDevice device, HostSnapshot snapshot,
                                            List<MountStack> stacks) {
        var match = tier.match();
        if (!device.removable()) {
            if (match.classes().contains(device.deviceClass())) {
                return Optional.of("class " + device.deviceClass().key());
            }
            if (device.deviceClass() == DeviceClass.DM || device.deviceClass() == DeviceClass.MD) {
                List<String> leaves = snapshot.leafDevices(device.name());
                boolean allMatch = !leaves.isEmpty() && leaves.stream()
                        .map(snapshot::device)
                        .allMatch(leaf -> leaf.isPresent() && !leaf.get().removable()
                                && match.classes().contains(leaf.get().deviceClass()));
                if (allMatch) {
                    return Optional.of("leaf devices " + String.join(", ", leaves) + " are "
                            + snapshot.device(leaves.get(0)).get().deviceClass().key());
                }
            }
        }
        for (String glob : match.devices()) {
            if (glob(glob, device.name()) || device.parent().filter(p -> glob(glob, p)).isPresent()) {
                return Optional.of("device glob " + glob);
            }
        }
        for (MountStack stack : stacks) {
            for (String path : match.mounts()) {
                if (stack.devices().contains(device.name()) && under(stack.mount().path(), path)) {
                    return Optional.of("mount " + stack.mount().path() + " on " + stack.mount().device().get());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byPath(Policy policy, String mountPath) {
        for (Tier tier : policy.tiers()) {
            for (String path : tier.match().mounts()) {
                if (under(mountPath, path)) {
                    return Optional.of(tier.name());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byNetworkClass(Policy policy) {
        for (Tier tier : policy.tiers()) {
            if (tier.match().classes().contains(DeviceClass.NETWORK)) {
                return Optional.of(tier.name());
            }
        }
        return Optional.empty();
    }

    /** {@code path} is {@code base} or lies below it ("/var/lib/postgresql/16/main" under "/var/lib/postgresql"). */
    public static boolean under(String path, String base) {
        int end = base.length() > 1 && base.endsWith("/") ? base.length() - 1 : base.length();
        if (end == 1 && base.charAt(0) == '/') {
            return true;
        }
        return path.startsWith(base.substring(0, end))
                && (path.length() == end || path.charAt(end) == '/');
    }

    /** Shell-style glob over a kernel name: {@code *}, {@code ?}, {@code [...]} (with {@code !} negation). */
    static boolean glob(String glob, String name) {
        return Glob.matches(glob, name);
    }
}
