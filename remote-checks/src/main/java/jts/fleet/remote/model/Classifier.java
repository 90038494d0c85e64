package jts.fleet.remote.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jts.fleet.inventory.DeviceClass;

/**
 * Classifies a whole disk from several signals, because {@code queue/rotational} alone lies: virtio and RAID
 * logical drives report 1 on flash, loop devices report 0. Order: device-mapper, md, loop, RAM disks, NVMe
 * transport, virtio/xen, then rotational (with the model as a tie-breaker). The reason names the signal.
 */
public final class Classifier {
    private static final Pattern NVME_NAME = Pattern.compile("nvme\\d+(c\\d+)?n\\d+");
    private static final Pattern VIRTUAL_NAME = Pattern.compile("x?vd[a-z]+");
    private static final Pattern DM_NAME = Pattern.compile("dm-\\d+");
    private static final Pattern MD_NAME = Pattern.compile("md\\d+|md_d\\d+");
    private static final Pattern ATA_PATH = Pattern.compile("/ata\\d+/");

    private Classifier() {
    }

    /** The signals read from sysfs for one whole disk. */
    public record Signals(String name, Optional<String> sysfsPath, Optional<String> driver,
                          Optional<String> rotational, Optional<String> model, Optional<String> dmName,
                          Optional<String> dmUuid, Optional<String> mdLevel, List<String> slaves,
                          boolean removable) {
        public Signals {
            slaves = List.copyOf(slaves);
        }
    }

    public record Classification(DeviceClass deviceClass, String reason) {
    }

    public static Classification classify(Signals s) {
        Classification c = bySignals(s);
        // removable media (optical drives, USB sticks) are never selected by class: say so where it shows
        return s.removable() ? new Classification(c.deviceClass(), c.reason() + "; removable media") : c;
    }

    private static Classification bySignals(Signals s) {
        String name = s.name();
        String path = s.sysfsPath().orElse("");
        if (s.dmName().isPresent() || DM_NAME.matcher(name).matches()) {
            return new Classification(DeviceClass.DM, dmReason(s));
        }
        if (s.mdLevel().isPresent() || MD_NAME.matcher(name).matches()) {
            String level = s.mdLevel().map(l -> "md " + l).orElse("md array");
            String over = s.slaves().isEmpty() ? "" : " over " + String.join(", ", s.slaves());
            return new Classification(DeviceClass.MD, level + over);
        }
        if (name.startsWith("loop")) {
            return new Classification(DeviceClass.LOOP, "loop device (backed by a file)");
        }
        if (name.startsWith("zram")) {
            return new Classification(DeviceClass.RAM, "compressed RAM disk (zram)");
        }
        if (name.matches("ram\\d+")) {
            return new Classification(DeviceClass.RAM, "RAM disk (brd)");
        }
        if (name.matches("pmem\\d+(\\.\\d+)?s?")) {
            return new Classification(DeviceClass.RAM, "persistent memory (pmem)");
        }
        if (path.contains("/nvme/") || path.contains("/nvme-subsystem/")) {
            return new Classification(DeviceClass.NVME, "nvme transport in " + path);
        }
        if (NVME_NAME.matcher(name).matches()) {
            return new Classification(DeviceClass.NVME, "kernel name " + name + " (nvme)");
        }
        if (path.contains("/virtio") || s.driver().filter(d -> d.startsWith("virtio")).isPresent()) {
            return new Classification(DeviceClass.VIRTUAL,
                    "virtio transport in " + path + ": rotational not trustworthy");
        }
        if (path.contains("/xen/") || path.contains("/vbd-") || s.driver().filter("vbd"::equals).isPresent()) {
            return new Classification(DeviceClass.VIRTUAL,
                    "xen blkfront in " + path + ": rotational not trustworthy");
        }
        if (VIRTUAL_NAME.matcher(name).matches()) {
            return new Classification(DeviceClass.VIRTUAL,
                    "kernel name " + name + " (virtio/xen): rotational not trustworthy");
        }
        String transport = transport(path);
        String rotational = s.rotational().orElse("");
        if (rotational.equals("0")) {
            return new Classification(DeviceClass.SSD, "rotational=0 on " + transport);
        }
        boolean modelSaysSsd = s.model().map(m -> m.toUpperCase(Locale.ROOT).contains("SSD")).orElse(false);
        if (modelSaysSsd) {
            // RAID controllers' logical drives report rotational=1 on flash
            return new Classification(DeviceClass.SSD,
                    "model \"" + s.model().get().trim() + "\" says SSD though rotational=" + rotational);
        }
        if (rotational.equals("1")) {
            return new Classification(DeviceClass.HDD, "rotational=1 on " + transport);
        }
        return new Classification(DeviceClass.HDD, "no queue/rotational on " + transport + ": assumed rotational");
    }

    private static String dmReason(Signals s) {
        String uuid = s.dmUuid().orElse("");
        String dmName = s.dmName().map(n -> " " + n).orElse("");
        String kind;
        if (uuid.startsWith("LVM-")) {
            kind = "LVM logical volume";
        } else if (uuid.startsWith("CRYPT-")) {
            kind = "dm-crypt (LUKS) mapping";
        } else if (uuid.startsWith("mpath-")) {
            kind = "dm-multipath map";
        } else {
            kind = "device-mapper";
        }
        String over = s.slaves().isEmpty() ? "" : " over " + String.join(", ", s.slaves());
        return kind + dmName + over;
    }

    /** A short transport name for reasons, from the resolved sysfs path. */
    static String transport(String path) {
        if (path.isEmpty()) {
            return "unknown transport";
        }
        if (path.contains("/usb")) {
            return "usb";
        }
        if (ATA_PATH.matcher(path).find()) {
            return "sata";
        }
        if (path.contains("/devices/virtual/")) {
            return "virtual block device";
        }
        if (path.contains("/host") && path.contains("/target")) {
            return "scsi/sas";
        }
        return "other transport";
    }
}
