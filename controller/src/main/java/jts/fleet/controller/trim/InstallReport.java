package jts.fleet.controller.trim;

import java.util.List;

import jts.fleet.remote.install.FileChange;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.trim.Activation;

/** The result of {@code trim install} on one host. */
public record InstallReport(String host, List<FileOutcome> files, Activation activation, List<String> warnings)
        implements jts.fleet.controller.fleet.ReportsChanges {

    /** For the change record: each pushed file with the sha256 it holds, and the timers enabled or masked. */
    @Override
    public List<jts.fleet.remote.change.ChangeItem> changeItems() {
        List<jts.fleet.remote.change.ChangeItem> items = new java.util.ArrayList<>(files.stream()
                .map(f -> jts.fleet.controller.fleet.ReportsChanges.pushedFile(f.path(),
                        f.change() == FileChange.INSTALLED, f.sha256())).toList());
        if (activation instanceof Activation.Activated a) {
            items.add(jts.fleet.remote.change.ChangeItem.of("jts-fstrim.timer", "systemd", null, "enabled",
                    jts.fleet.remote.change.ChangeItem.Result.OK));
            if (a.maskedFstrimTimer()) {
                items.add(jts.fleet.remote.change.ChangeItem.of("fstrim.timer", "systemd", a.fstrimTimerState(),
                        "masked", jts.fleet.remote.change.ChangeItem.Result.CHANGED));
            }
        }
        return items;
    }
    public InstallReport {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** True when at least one file was (or in a dry run would be) written: Ansible's "changed". */
    public boolean changed() {
        return files.stream().anyMatch(f -> f.change() != FileChange.UNCHANGED);
    }
}
