package jts.fleet.remote.tuning;

import jts.fleet.inventory.Keyed;

/** What the plan does with one device attribute; its {@link #key()} is the text and JSON word. */
public enum TuningAction implements Keyed.Hyphenated {
    /** Current differs from desired: apply writes it. */
    SET,
    /** Already at the desired value: nothing to write (re-applies report {@code ok}). */
    OK,
    /** Deliberately left alone (hidden multipath path, zoned device scheduler, conflict loser). */
    SKIP,
    /** The device has no such attribute (e.g. no wbt on this queue): not drift, nothing to write. */
    NOT_APPLICABLE,
    /** The desired value cannot be written to this device: the whole host plan is refused. */
    INVALID;

    /** True for actions whose value is sent to the host (recorded in state.json and verified). */
    public boolean managed() {
        return this == SET || this == OK;
    }
}
