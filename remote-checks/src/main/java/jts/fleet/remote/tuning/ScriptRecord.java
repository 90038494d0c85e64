package jts.fleet.remote.tuning;

import java.util.List;

import jts.fleet.remote.change.ChangeItem;

/**
 * One TAB-separated output record of tune-apply.sh / tune-rollback.sh, e.g.
 * {@code changed<TAB>nvme0n1<TAB>scheduler<TAB>mq-deadline<TAB>none}. The value records of both scripts have the same
 * fields: {@code changed} and {@code restored} are {@code DEVICE ATTRIBUTE BEFORE AFTER}, {@code ok} is
 * {@code DEVICE ATTRIBUTE VALUE}.
 */
public record ScriptRecord(String kind, List<String> fields) {
    public ScriptRecord {
        fields = List.copyOf(fields);
    }

    public String field(int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    /** A {@code changed} or {@code restored} value record as the change item {@code result}. */
    public ChangeItem valueChange(ChangeItem.Result result) {
        return ChangeItem.of(field(0), field(1), field(2), field(3), result);
    }

    /** An {@code ok} value record: the attribute already had the value. */
    public ChangeItem valueOk() {
        return ChangeItem.of(field(0), field(1), field(2), field(2), ChangeItem.Result.OK);
    }

    /** A {@code changed} or {@code restored} value record in JSON views: {@code nvme0n1 scheduler none -> kyber}. */
    public String valueChangeText() {
        return field(0) + " " + field(1) + " " + field(2) + " -> " + field(3);
    }
}
