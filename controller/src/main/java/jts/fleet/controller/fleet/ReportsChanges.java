package jts.fleet.controller.fleet;

import java.util.List;
import java.util.Optional;

import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeRecord;

/** A command's per-host report that says what it changed on the host, for the change record. */
public interface ReportsChanges {
    /** Every attribute, file or filesystem the command touched (or found already as wanted), in order. */
    List<ChangeItem> changeItems();

    /**
     * The host's result when the report knows better than ok/changed: a TRIM run the host refused inside its blackout
     * window is {@code refused}, one whose filesystem failed is {@code failed}.
     */
    default Optional<ChangeRecord.Result> changeResult() {
        return Optional.empty();
    }

    /** A pushed file: its path, the sha256 it now holds, installed (changed) or already there (ok). */
    static ChangeItem pushedFile(String path, boolean installed, String sha256) {
        return ChangeItem.of(path, "sha256", null, sha256, installed ? ChangeItem.Result.CHANGED : ChangeItem.Result.OK);
    }
}
