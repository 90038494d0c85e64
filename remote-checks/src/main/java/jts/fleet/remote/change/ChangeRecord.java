package jts.fleet.remote.change;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.Components;
import jts.fleet.inventory.Keyed;

/**
 * One line of a change file.
 *
 * @param event   {@link Event#INTENT} before the change starts, {@link Event#OUTCOME} after it ended
 * @param source  who wrote the line: the controller or the host script that made the change
 * @param time    when the line was written (UTC; the host's clock for host lines)
 * @param context who, what, why: the same in every line of one host's change
 * @param node    host lines: the host's own name ({@code uname -n}), which may differ from the inventory's
 * @param step    host lines: the host script that wrote it ({@code tune-apply}, {@code install-file} ...): one
 *                change may run several
 * @param result  outcome lines: what became of the host
 * @param message outcome lines: the error, or why it was refused or skipped
 * @param changes intent lines: what is planned (as far as known then); outcome lines: what happened
 */
public record ChangeRecord(Event event, Source source, Instant time, ChangeContext context, Optional<String> node,
                           Optional<String> step, Optional<Result> result, Optional<String> message,
                           List<ChangeItem> changes) {
    /** The {@code format} every line carries: a reader refuses lines of a format it does not know. */
    public static final String FORMAT = "jts-fleet-change 1";

    public enum Event implements Keyed {
        INTENT, OUTCOME
    }

    public enum Source implements Keyed {
        CONTROLLER, HOST
    }

    /** A host's result in an outcome line; the per-host results of the fleet runs, plus {@code refused}. */
    public enum Result implements Keyed {
        OK, CHANGED, FAILED, REFUSED, SKIPPED, UNREACHABLE
    }

    public ChangeRecord {
        Components.requireNonNull(ChangeRecord.class, event, source, time, context, node, step, result, message,
                changes);
        changes = List.copyOf(changes);
        if (event == Event.OUTCOME && result.isEmpty()) {
            throw new IllegalArgumentException("an outcome line needs a result");
        }
    }

    /** The controller's line before a host's change starts. */
    public static ChangeRecord intent(ChangeContext context, Instant time) {
        return new ChangeRecord(Event.INTENT, Source.CONTROLLER, time, context, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    /** The controller's line after a host's change ended (or was refused before it started). */
    public static ChangeRecord outcome(ChangeContext context, Instant time, Result result, Optional<String> message,
                                       List<ChangeItem> changes) {
        return new ChangeRecord(Event.OUTCOME, Source.CONTROLLER, time, context, Optional.empty(), Optional.empty(),
                Optional.of(result), message, changes);
    }
}
