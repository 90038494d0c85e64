package jts.fleet.controller.tuning;

import java.util.Objects;

import jts.fleet.controller.gather.Sysroots;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.tuning.TuningScripts;
import jts.fleet.remote.tuning.UdevRules;

/**
 * Where tuning lives on one host: the sysfs root prefix ({@code ""} on real hosts), the state directory and
 * the rules file. A host with a {@code sysroot} (fixture tree) gets all three under it, so the gather script
 * sees the state and rules jts-fleet wrote there.
 */
public record TuningPaths(String sysfsRoot, String stateDir, String rulesPath) {
    public TuningPaths {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        if (!sysfsRoot.isEmpty()) {
            TuningScripts.requireValidPath("sysfs root", sysfsRoot);
        }
        TuningScripts.requireValidPath("state directory", stateDir);
        TuningScripts.requireValidPath("rules path", rulesPath);
    }

    /** The host's paths: under its sysroot as {@link Sysroots#of} reads it (the root in any spelling is none). */
    public static TuningPaths forHost(HostSpec host) {
        String root = Sysroots.of(host).orElse("");
        return new TuningPaths(root, root + TuningScripts.DEFAULT_STATE_DIR, root + UdevRules.DEFAULT_PATH);
    }

    /** File name of the rules file, as the gather script reports rules files ({@code /etc/udev/rules.d/NAME}). */
    public String rulesFileName() {
        return rulesPath.substring(rulesPath.lastIndexOf('/') + 1);
    }
}
