package jts.fleet.remote.tuning;

/**
 * How a device came into its tier. The udev renderer matches class selections by kernel name pattern (they
 * also cover devices hot-plugged later) and specific selections by stable identity (WWN or serial).
 */
public enum Selection {
    CLASS("class"),
    DEVICE("device"),
    MOUNT("mount"),
    NONE("none");

    private final String key;

    Selection(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
