package jts.fleet.controller.change;

import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.UserDirs;

/** Where the controller's change file is: the one place that decides. */
public final class ChangeJournals {
    private ChangeJournals() {
    }

    /** {@code $XDG_STATE_HOME/jts-fleet/changes.jsonl} ({@code ~/.local/state/jts-fleet/changes.jsonl}). */
    public static ChangeJournal forInventory(Inventory inventory, UserDirs dirs) {
        return ChangeJournal.in(dirs.stateDir());
    }
}
