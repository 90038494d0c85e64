package jts.fleet.remote.trim;

import jts.fleet.inventory.Keyed;

/** What happened to one filesystem in one run. The lower-case name is the JSON and metric label spelling. */
public enum TrimResult implements Keyed {
    /** FITRIM ran over the whole filesystem. */
    OK,
    /** Not trimmed, on purpose, with a reason (not mounted, network fs, read-only, duplicate, dry run ...). */
    SKIPPED,
    /** fstrim failed or the run was stopped by a signal. */
    FAILED,
    /** Not trimmed (or stopped) because of a blackout window or another run holding the lock. */
    REFUSED
}
