package jts.fleet.remote.tuning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jts.fleet.inventory.Policy;

/**
 * The tuning plan of one host: per device and attribute, current, desired, action and reason. A plan with
 * any {@link TuningAction#INVALID} setting is invalid as a whole: apply touches nothing on that host.
 *
 * @param policy    the host's policy the plan was made from
 * @param conflicts devices claimed by more than one tier; the first tier in policy order wins
 */
public record HostPlan(String host, Policy policy, List<DevicePlan> devices, List<String> conflicts) {
    public HostPlan {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policy, "policy");
        devices = List.copyOf(devices);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * The short hash of the tier policy the plan was made from ({@link PolicyFingerprint}; also in the rules header),
     * computed when asked for: its SHA-256 starts the JDK's security providers, ~5 ms of a cold JVM that
     * {@code status} and {@code check}, which only count drift, do not need.
     */
    public String policyHash() {
        return PolicyFingerprint.of(policy);
    }

    public boolean valid() {
        return devices.stream().noneMatch(DevicePlan::invalid);
    }

    /** One line per invalid setting, naming host, device, attribute, value and why. */
    public List<String> invalidReasons() {
        List<String> reasons = new ArrayList<>();
        for (DevicePlan d : devices) {
            for (PlannedSetting s : d.settings()) {
                if (s.action() == TuningAction.INVALID) {
                    reasons.add(host + ": " + d.device() + " " + s.attribute().key() + " = \"" + s.desired()
                            + "\": " + s.reason());
                }
            }
        }
        return reasons;
    }

    /** One setting of one device that differs from what its tier wants. */
    public record Drift(DevicePlan device, PlannedSetting setting) {
    }

    /**
     * Tuning drift, the one rule every command asks ({@code status}, {@code check}, {@code verify},
     * {@code run-check}): every setting the planner would write. Skipped settings (a zoned device keeps
     * mq-deadline), attributes the device does not have and values that cannot be set are never drift; the layer
     * is the planner's (a partition's tier on its disk, a dm/md device's on its leaves).
     */
    public List<Drift> drift() {
        List<Drift> drift = new ArrayList<>();
        for (DevicePlan d : devices) {
            for (PlannedSetting s : d.settings()) {
                if (s.action() == TuningAction.SET) {
                    drift.add(new Drift(d, s));
                }
            }
        }
        return drift;
    }

    public long count(TuningAction action) {
        return devices.stream().flatMap(d -> d.settings().stream()).filter(s -> s.action() == action).count();
    }

    /**
     * The stdin of {@code tune-apply.sh}: every managed (set or ok) setting, so the host records the original
     * value of each and verifies all of them, then the rules file framed by {@code @@rules}/{@code @@end}.
     *
     * @throws IllegalStateException when the plan is invalid (callers must check {@link #valid()} first)
     */
    public byte[] applyInput(String rulesText) {
        if (!valid()) {
            throw new IllegalStateException(host + ": refusing to build apply input from an invalid plan");
        }
        StringBuilder sb = new StringBuilder("@@jts-tune 1\n");
        for (DevicePlan d : devices) {
            for (PlannedSetting s : d.settings()) {
                if (!s.action().managed()) {
                    continue;
                }
                if (!TuningNames.validValue(s.desired())) {
                    throw new IllegalStateException(host + ": " + d.device() + " " + s.attribute().key()
                            + ": value \"" + s.desired() + "\" cannot be sent");
                }
                sb.append("set ").append(d.device()).append(' ').append(s.attribute().key()).append(' ')
                        .append(s.desired()).append('\n');
            }
        }
        sb.append("@@rules\n");
        for (String line : rulesText.split("\n", -1)) {
            if (line.startsWith("@@")) {
                throw new IllegalStateException(host + ": rules line looks like a frame line: " + line);
            }
        }
        sb.append(rulesText);
        if (!rulesText.isEmpty() && !rulesText.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("@@end\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
