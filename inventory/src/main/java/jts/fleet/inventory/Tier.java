package jts.fleet.inventory;

import java.util.Map;

/**
 * One storage tier of the policy. {@code queue} holds the desired queue attributes (insertion order kept);
 * {@code canary} turns on the host-side O_DIRECT latency canary for this tier's mounts; {@code mountOptions}
 * are what the tier's mounts should be mounted with (checked, never remounted).
 */
public record Tier(String name, TierMatch match, Map<QueueAttribute, String> queue, boolean trim,
                   Thresholds thresholds, boolean canary, java.util.List<MountOptionExpectation> mountOptions) {
    public Tier {
        queue = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queue));
        mountOptions = java.util.List.copyOf(mountOptions);
    }

    /** A tier without mount option expectations. */
    public Tier(String name, TierMatch match, Map<QueueAttribute, String> queue, boolean trim, Thresholds thresholds,
                boolean canary) {
        this(name, match, queue, trim, thresholds, canary, java.util.List.of());
    }
}
