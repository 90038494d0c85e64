package jts.fleet.remote.tuning;

import java.util.Objects;
import java.util.Optional;

import jts.fleet.inventory.QueueAttribute;

/**
 * One attribute of one device in a host plan. {@code current} is absent when the device has no such
 * attribute; {@code reason} explains every action other than a plain {@code set}/{@code ok}.
 */
public record PlannedSetting(QueueAttribute attribute, Optional<String> current, String desired,
                             TuningAction action, String reason) {
    public PlannedSetting {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(action, "action");
        reason = reason == null ? "" : reason;
    }
}
