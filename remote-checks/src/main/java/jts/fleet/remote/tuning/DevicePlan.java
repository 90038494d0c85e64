package jts.fleet.remote.tuning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jts.fleet.inventory.DeviceClass;

/**
 * The plan for one device that carries queue settings (a whole disk or a leaf of a dm/md stack), or a
 * device that is deliberately skipped (hidden path, unmanaged) so the plan can say so.
 *
 * @param device   kernel name, validated ({@code ^[A-Za-z0-9._:+-]+$})
 * @param tier     the tier whose settings land here; empty for unmanaged/hidden devices
 * @param selectedBy how the tier selected it (decides how the udev rule matches it)
 * @param via      why the settings land on this layer, e.g. "mount /var/lib/postgresql on dm-0 -> leaf"
 * @param skipReason set when nothing is planned for the device at all
 */
public record DevicePlan(String device, DeviceClass deviceClass, Optional<String> tier, Selection selectedBy,
                         Optional<String> wwn, Optional<String> serial, boolean hidden, boolean zoned,
                         List<String> via, List<PlannedSetting> settings, Optional<String> skipReason) {
    public DevicePlan {
        Objects.requireNonNull(device, "device");
        if (!TuningNames.validDevice(device)) {
            throw new IllegalArgumentException("invalid device name \"" + device + "\"");
        }
        via = List.copyOf(via);
        settings = List.copyOf(settings);
    }

    public boolean invalid() {
        return settings.stream().anyMatch(s -> s.action() == TuningAction.INVALID);
    }

    public Optional<PlannedSetting> setting(jts.fleet.inventory.QueueAttribute attribute) {
        return settings.stream().filter(s -> s.attribute() == attribute).findFirst();
    }
}
