package jts.fleet.remote.model;

/** What {@link Mount#PRIMARY_FIRST} orders by: the root, mount point and id of a mount or of a mountinfo line. */
interface MountKeys {
    String root();

    String path();

    int mountId();
}
