package jts.fleet.remote.change;

import java.util.Optional;

import jts.fleet.inventory.Components;
import jts.fleet.inventory.Keyed;

/**
 * One thing a change touched on a host: a queue attribute of a device ({@code nvme0n1}, {@code scheduler}), a file
 * ({@code /etc/jts-fleet/trim.conf}, {@code sha256}), a filesystem TRIM ({@code /var/lib/kafka}, {@code fstrim}).
 *
 * @param target    device, backing device ({@code bdi-0:52}), file path or mount point
 * @param attribute what of the target: a queue attribute, {@code content}, {@code fstrim}, {@code unit} ...
 * @param before    the value found before the change, empty when there was none (a new file) or it is unknown
 * @param after     the value after the change (or, {@link Result#PLANNED}, the one the change is going to set)
 * @param result    what happened to it
 * @param note      why, for a failure or a skip; empty otherwise
 */
public record ChangeItem(String target, String attribute, Optional<String> before, Optional<String> after,
                         Result result, Optional<String> note) {

    /** What happened to one item; {@link #key()} is the JSON value. */
    public enum Result implements Keyed.Hyphenated {
        /** In an intent record: what the change is going to do. */
        PLANNED,
        /** Already as wanted: nothing written. */
        OK,
        /** Written: {@code before} became {@code after}. */
        CHANGED,
        /** Could not be written (or read back as written): {@code note} says why. */
        FAILED,
        /** Put back to {@code after} (= its earlier value): by a failed apply's own restore, or by rollback. */
        ROLLED_BACK
    }

    public ChangeItem {
        Components.requireNonNull(ChangeItem.class, target, attribute, before, after, result, note);
    }

    public static ChangeItem of(String target, String attribute, String before, String after, Result result) {
        return new ChangeItem(target, attribute, Optional.ofNullable(before), Optional.ofNullable(after), result,
                Optional.empty());
    }

    public ChangeItem withNote(String text) {
        return new ChangeItem(target, attribute, before, after, result, Optional.ofNullable(text));
    }

    /** {@code nvme0n1 scheduler: mq-deadline -> none (changed)}, for the text views. */
    public String describe() {
        String from = before.orElse("-");
        String to = after.orElse("-");
        String values = result == Result.OK ? to : from + " -> " + to;
        return target + " " + attribute + ": " + values + " (" + result.key() + note.map(n -> ": " + n).orElse("") + ")";
    }
}
