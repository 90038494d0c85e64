package jts.fleet.remote.stats;

/**
 * What the statistics need to know about a device beyond its counters.
 *
 * @param parallel the device serves many requests at once (NVMe, SSD): %util near 100 does not mean saturated
 * @param stacked  dm or md device over leaf devices: its I/O is also counted on the leaves, so alert on one
 *                 layer only
 */
public record DeviceInfo(boolean parallel, boolean stacked) {
    /** From the gathered classification: NVMe, SSD and RAM disks are parallel; dm and md are stacked. */
    public static java.util.Map<String, DeviceInfo> of(jts.fleet.remote.model.HostSnapshot snapshot) {
        java.util.Map<String, DeviceInfo> out = new java.util.LinkedHashMap<>();
        for (jts.fleet.remote.model.BlockDevice d : snapshot.devices()) {
            jts.fleet.inventory.DeviceClass c = d.deviceClass();
            boolean stacked = c == jts.fleet.inventory.DeviceClass.DM || c == jts.fleet.inventory.DeviceClass.MD;
            boolean parallel = c == jts.fleet.inventory.DeviceClass.NVME || c == jts.fleet.inventory.DeviceClass.SSD
                    || c == jts.fleet.inventory.DeviceClass.RAM;
            out.put(d.name(), new DeviceInfo(parallel, stacked));
        }
        return out;
    }

    public static final DeviceInfo PLAIN = new DeviceInfo(false, false);

    /**
     * A guess from the kernel name alone, for devices the storage model does not know (appeared mid-run):
     * nvme is parallel, dm-N and mdN are stacked. The storage model's classification wins when present.
     */
    public static DeviceInfo fromName(String device) {
        boolean stacked = device.startsWith("dm-") || device.matches("md\\d+(p\\d+)?") || device.startsWith("md_");
        boolean parallel = device.startsWith("nvme");
        return new DeviceInfo(parallel, stacked);
    }

    /** %util means "time with at least one request in flight": only useful for one-at-a-time devices. */
    public boolean utilMeaningful() {
        return !parallel && !stacked;
    }
}
