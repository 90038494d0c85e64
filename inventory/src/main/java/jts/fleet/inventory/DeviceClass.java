package jts.fleet.inventory;

import java.util.Locale;
import java.util.Optional;

/** Storage device classes a tier can match. The lower-case name is the policy and JSON spelling. */
public enum DeviceClass {
    NVME, SSD, HDD, VIRTUAL, LOOP, RAM, DM, MD, NETWORK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceClass> parse(String text) {
        for (DeviceClass c : values()) {
            if (c.key().equals(text)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
