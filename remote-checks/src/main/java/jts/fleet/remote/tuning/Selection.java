package jts.fleet.remote.tuning;

import jts.fleet.inventory.Keyed;

/**
 * How a device came into its tier. The udev renderer matches class selections by kernel name pattern (they
 * also cover devices hot-plugged later) and specific selections by stable identity (WWN or serial).
 */
public enum Selection implements Keyed {
    CLASS,
    DEVICE,
    MOUNT,
    NONE
}
