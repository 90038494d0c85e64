package jts.fleet.remote.tuning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Tier;

/**
 * A short, stable hash of what in a policy decides tuning (tier order, matches, queue settings). Built from a
 * canonical text, never from {@code toString()}: {@code Set.copyOf} iterates in a per-JVM random order.
 */
public final class PolicyFingerprint {
    private PolicyFingerprint() {
    }

    public static String of(Policy policy) {
        StringBuilder canonical = new StringBuilder();
        for (Tier tier : policy.tiers()) {
            canonical.append("tier ").append(tier.name()).append('\n');
            canonical.append(" classes ").append(tier.match().classes().stream().map(DeviceClass::key).sorted()
                    .collect(Collectors.joining(","))).append('\n');
            canonical.append(" devices ").append(String.join(",", tier.match().devices())).append('\n');
            canonical.append(" mounts ").append(String.join(",", tier.match().mounts())).append('\n');
            Map<QueueAttribute, String> sorted = new TreeMap<>(tier.queue());
            sorted.forEach((k, v) -> canonical.append(" queue ").append(k.key()).append('=').append(v).append('\n'));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
