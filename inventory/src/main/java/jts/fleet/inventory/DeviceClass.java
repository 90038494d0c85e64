package jts.fleet.inventory;

/** Storage device classes a tier can match. The lower-case name is the policy and JSON spelling. */
public enum DeviceClass implements Keyed {
    NVME, SSD, HDD, VIRTUAL, LOOP, RAM, DM, MD, NETWORK
}
