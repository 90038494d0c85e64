package jts.fleet.inventory;

import java.util.Optional;

/** Storage device classes a tier can match. The lower-case name is the policy and JSON spelling. */
public enum DeviceClass implements Keyed {
    NVME, SSD, HDD, VIRTUAL, LOOP, RAM, DM, MD, NETWORK;

    public static Optional<DeviceClass> parse(String text) {
        return Keyed.parse(DeviceClass.class, text);
    }
}
