package jts.fleet.inventory;

import java.util.Map;

/**
 * One storage tier of the policy. {@code queue} holds the desired queue attributes (insertion order kept);
 * {@code canary} turns on the host-side O_DIRECT latency canary for this tier's mounts.
 */
public record Tier(String name, TierMatch match, Map<QueueAttribute, String> queue, boolean trim,
                   Thresholds thresholds, boolean canary) {
    public Tier {
        queue = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queue));
    }
}
