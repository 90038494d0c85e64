package jts.fleet.remote.trim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;

/**
 * Which mounts go into a host's trim config: those of tiers with {@code trim: true}. Deliberately not filtered
 * here (bind mounts, network or read-only filesystems stay in): the host script decides at run time, when the
 * mount table may have changed, and records a reason for every skip.
 */
public final class TrimTargets {
    private TrimTargets() {
    }

    /**
     * Every gathered mount whose tier trims, in mount-table order, then the mount paths those tiers name that
     * were not mounted at gather time (the script then reports them missing instead of silently forgetting them).
     */
    public static List<String> mounts(StorageModel model, Policy policy) {
        return candidates(model, policy).stream().filter(Mount::isSafePath).toList();
    }

    /**
     * Trim-tier mount points left out of the config because their path cannot travel to the host as plain data
     * (control characters, a "." or ".." component, not absolute: see {@link Mount#isSafePath}), each with the
     * reason to show. A mount point is any text a host chose; it never reaches a host command it could break.
     */
    public static java.util.Map<String, String> leftOut(StorageModel model, Policy policy) {
        java.util.Map<String, String> left = new java.util.LinkedHashMap<>();
        for (String path : candidates(model, policy)) {
            if (!Mount.isSafePath(path)) {
                left.put(path, "not trimmed: its path has control characters or . / .. components, so it is never"
                        + " passed to a command on the host");
            }
        }
        return left;
    }

    private static List<String> candidates(StorageModel model, Policy policy) {
        Set<String> trimTiers = new LinkedHashSet<>();
        for (Tier tier : policy.tiers()) {
            if (tier.trim()) {
                trimTiers.add(tier.name());
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Mount mount : model.snapshot().mounts()) {
            model.tierOfMount(mount.path()).filter(trimTiers::contains).ifPresent(t -> paths.add(mount.path()));
        }
        List<String> configured = new ArrayList<>();
        for (Tier tier : policy.tiers()) {
            if (tier.trim()) {
                configured.addAll(tier.match().mounts());
            }
        }
        for (String path : configured) {
            String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            // a glob names no single mount; what it matched is already in the list above
            if (!plain.matches(".*[*?\\[].*")) {
                paths.add(plain);
            }
        }
        return List.copyOf(paths);
    }
}
