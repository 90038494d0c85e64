package jts.fleet.remote.tuning;

/** What the plan does with one device attribute. The lower-case key is the human and JSON spelling. */
public enum TuningAction {
    /** Current differs from desired: apply writes it. */
    SET("set"),
    /** Already at the desired value: nothing to write (re-applies report {@code ok}). */
    OK("ok"),
    /** Deliberately left alone (hidden multipath path, zoned device scheduler, conflict loser). */
    SKIP("skip"),
    /** The device has no such attribute (e.g. no wbt on this queue): not drift, nothing to write. */
    NOT_APPLICABLE("not-applicable"),
    /** The desired value cannot be written to this device: the whole host plan is refused. */
    INVALID("invalid");

    private final String key;

    TuningAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** True for actions whose value is sent to the host (recorded in state.json and verified). */
    public boolean managed() {
        return this == SET || this == OK;
    }
}
