package jts.fleet.remote.tuning;

import java.util.List;

/**
 * One TAB-separated output record of tune-apply.sh / tune-rollback.sh, e.g.
 * {@code changed<TAB>nvme0n1<TAB>scheduler<TAB>mq-deadline<TAB>none}.
 */
public record ScriptRecord(String kind, List<String> fields) {
    public ScriptRecord {
        fields = List.copyOf(fields);
    }

    public String field(int index) {
        return index < fields.size() ? fields.get(index) : "";
    }
}
