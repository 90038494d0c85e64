package jts.fleet.controller.trim;

import java.util.Locale;

/** What happened to one pushed file. Lower-case names appear in JSON output. */
public enum FileChange {
    /** Written (new or different content/mode). */
    INSTALLED,
    /** The host already had exactly these bytes with this mode; not written. */
    UNCHANGED,
    /** Dry run: the host's copy differs or is missing, so a real install would write it. */
    WOULD_INSTALL;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
