package jts.fleet.remote.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import jts.fleet.inventory.DeviceClass;

/**
 * One kernel block device as gathered: a whole disk ({@code devType} "disk": nvme, sd, vd, dm, md, loop, zram
 * ...) or a partition ({@code devType} "part", {@code parent} = its disk). {@code queue} holds the raw
 * {@code queue/*} values read; an absent attribute means "not applicable" (partitions have none).
 * Hidden NVMe multipath paths ({@code nvmeXcYnZ}) carry their head in {@code multipathHead} and are never
 * managed. Partitions repeat their disk's serial, WWN, block sizes and discard limits (the disk is what
 * they live on, as lsblk shows them) but have no model and no queue.
 */
public record BlockDevice(
        String name,
        String devType,
        Optional<String> parent,
        Optional<String> multipathHead,
        List<String> slaves,
        List<String> holders,
        boolean hidden,
        DeviceClass deviceClass,
        String classReason,
        Optional<String> zonedModel,
        Optional<String> model,
        Optional<String> vendor,
        Optional<String> serial,
        Optional<String> wwn,
        OptionalLong sizeBytes,
        OptionalLong logicalBlockSize,
        OptionalLong physicalBlockSize,
        Optional<String> majorMinor,
        Map<String, String> queue,
        Optional<Scheduler> scheduler,
        OptionalLong discardGranularity,
        OptionalLong discardMaxBytes,
        boolean readOnly,
        boolean removable,
        Optional<String> sysfsPath,
        Optional<String> driver,
        Optional<String> dmName,
        Optional<String> dmUuid,
        Optional<String> mdLevel) {

    public static final String DISK = "disk";
    public static final String PART = "part";

    /** Kernel names jts-fleet will ever use in a later command; anything else is dropped at gather time. */
    public static final Pattern VALID_NAME = Pattern.compile("^[A-Za-z0-9._:+-]{1,64}$");

    public BlockDevice {
        slaves = List.copyOf(slaves);
        holders = List.copyOf(holders);
        queue = Map.copyOf(queue);
    }

    public static boolean isValidName(String name) {
        return name != null && VALID_NAME.matcher(name).matches();
    }

    public boolean isPartition() {
        return PART.equals(devType);
    }

    /** {@code queue/rotational} as read; empty when the device has no queue (partitions) or did not say. */
    public Optional<Boolean> rotational() {
        String value = queue.get("rotational");
        if ("0".equals(value)) {
            return Optional.of(false);
        }
        if ("1".equals(value)) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** Host-managed or host-aware zoned device ({@code queue/zoned} other than "none"). */
    public boolean zoned() {
        return zonedModel.isPresent();
    }

    /** The device passes discards down: {@code discard_max_bytes} > 0. */
    public boolean discardSupported() {
        return discardMaxBytes.isPresent() && discardMaxBytes.getAsLong() > 0;
    }
}
