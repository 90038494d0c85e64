package jts.fleet.remote.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of {@code /proc/self/mountinfo}, resolved against the gathered block devices. {@code device} is
 * the kernel name behind {@code majorMinor} (or behind a {@code /dev/...} source for filesystems such as
 * btrfs that report an anonymous device number); {@code leafDevices} are the disks that finally hold it.
 * {@code bindOf} names the primary mount of the same filesystem (same device number, {@link #PRIMARY_FIRST}) when
 * this one is a bind or duplicate mount, so a filesystem is trimmed once. {@code bdi} holds, for a network filesystem, the attributes of
 * its backing device as read ({@code /sys/class/bdi/MAJ:MIN}: read_ahead_kb, max_ratio), where jts-fleet tunes it.
 */
public record Mount(
        int mountId,
        int parentId,
        String majorMinor,
        String root,
        String path,
        List<String> mountOptions,
        String fstype,
        String source,
        List<String> superOptions,
        Optional<String> device,
        List<String> leafDevices,
        boolean network,
        boolean onlineDiscard,
        boolean readOnly,
        boolean autofs,
        Optional<String> bindOf,
        java.util.Map<String, String> bdi) implements MountKeys {

    /** Filesystem types that live on another machine: never tuned, never trimmed. */
    public static final Set<String> NETWORK_FSTYPES = Set.of(
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "ceph", "glusterfs", "fuse.glusterfs",
            "afs", "lustre");

    /**
     * Which mount of a filesystem is its primary one (the others are binds of it, {@link #bindOf}; the metrics
     * config puts a device's canary there): the least in this order. A mount of the filesystem's root before a
     * mount of a directory in it, then by mount point, then by mount id (one path mounted twice). Decided by the
     * mounts alone, never by their order in /proc/self/mountinfo, which changes when a reboot mounts the same
     * filesystems in another order.
     */
    public static final Comparator<Mount> PRIMARY_FIRST = primaryFirst();

    /** {@link #PRIMARY_FIRST} for anything with a mount's root, mount point and id ({@link MountInfo} lines). */
    static <T extends MountKeys> Comparator<T> primaryFirst() {
        return new PrimaryFirst<>();
    }

    /**
     * The order as a class, not a chain of {@code Comparator.comparing} lambdas: every gathered host's mounts are
     * ordered, and a one-shot {@code status} paid ~1 ms for the chain's lambda call sites.
     */
    private static final class PrimaryFirst<T extends MountKeys> implements Comparator<T> {
        @Override
        public int compare(T a, T b) {
            boolean aRoot = a.root().equals("/");
            if (aRoot != b.root().equals("/")) {
                return aRoot ? -1 : 1;
            }
            int byPath = a.path().compareTo(b.path());
            return byPath != 0 ? byPath : Integer.compare(a.mountId(), b.mountId());
        }
    }

    public Mount {
        bdi = java.util.Map.copyOf(bdi);
        mountOptions = List.copyOf(mountOptions);
        superOptions = List.copyOf(superOptions);
        leafDevices = List.copyOf(leafDevices);
    }

    /**
     * Whether a path read from a host may be passed to a later command (fstrim, fio, canary): absolute, at
     * most 4096 characters, no control characters, no "." or ".." components. Mount paths are otherwise
     * arbitrary text (a filesystem can be mounted on "/mnt/$(reboot)"), so callers check before using one.
     */
    public static boolean isSafePath(String path) {
        if (path == null || path.isEmpty() || path.length() > 4096 || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String component : path.split("/")) {
            if (component.equals(".") || component.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Mounts worth showing in a storage view: backed by a block device or a network filesystem. */
    public boolean isStorage() {
        return device.isPresent() || network;
    }

    public boolean hasOption(String option) {
        return mountOptions.contains(option) || superOptions.contains(option);
    }
}
