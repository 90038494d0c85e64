package jts.fleet.controller.change;

import java.util.List;

import jts.fleet.remote.change.ChangeItem;

/** A command's per-host report that says what it changed on the host, for the change record. */
public interface ReportsChanges {
    /** Every attribute, file or filesystem the command touched (or found already as wanted), in order. */
    List<ChangeItem> changeItems();
}
