package jts.fleet.inventory;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * Maintenance rules: blackout windows (no TRIM, no benchmarks), the systemd OnCalendar expression of the
 * weekly TRIM, and how often NVMe health may be polled.
 */
public record Maintenance(List<BlackoutWindow> blackout, String trimSchedule, int healthPollMinutes) {
    public Maintenance {
        blackout = List.copyOf(blackout);
    }

    public boolean inBlackout(ZonedDateTime now) {
        return blackout.stream().anyMatch(w -> w.contains(now));
    }

    /** Index of the first window that contains {@code now}, if any ({@code blackout[i]} in messages). */
    public java.util.OptionalInt blackoutAt(ZonedDateTime now) {
        for (int i = 0; i < blackout.size(); i++) {
            if (blackout.get(i).contains(now)) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }
}
