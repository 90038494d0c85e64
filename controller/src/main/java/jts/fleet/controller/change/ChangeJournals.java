package jts.fleet.controller.change;

import jts.fleet.inventory.Defaults;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.UserDirs;

/** Where the controller's change file is: the one place that decides. */
public final class ChangeJournals {
    private ChangeJournals() {
    }

    /**
     * The inventory's {@code defaults.change_file} (size and count of rotated files from the same defaults), else
     * {@code $XDG_STATE_HOME/jts-fleet/changes.jsonl} ({@code ~/.local/state/jts-fleet/changes.jsonl}).
     */
    public static ChangeJournal forInventory(Inventory inventory, UserDirs dirs) {
        Defaults.ChangeControl settings = inventory.defaults().changeControl();
        return new ChangeJournal(settings.file().orElse(dirs.stateDir().resolve(ChangeJournal.FILE_NAME)),
                settings.maxBytes(), settings.keep());
    }
}
