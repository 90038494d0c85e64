package jts.fleet.remote.trim;

import java.util.Locale;
import java.util.Optional;

/** What happened to one filesystem in one run. The lower-case name is the JSON and metric label spelling. */
public enum TrimResult {
    /** FITRIM ran over the whole filesystem. */
    OK,
    /** Not trimmed, on purpose, with a reason (not mounted, network fs, read-only, duplicate, dry run ...). */
    SKIPPED,
    /** fstrim failed or the run was stopped by a signal. */
    FAILED,
    /** Not trimmed (or stopped) because of a blackout window or another run holding the lock. */
    REFUSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TrimResult> parse(String key) {
        for (TrimResult r : values()) {
            if (r.key().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
