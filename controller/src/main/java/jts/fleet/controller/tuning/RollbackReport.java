package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.tuning.ScriptOutcome;
import jts.fleet.remote.tuning.ScriptRecord;
import jts.fleet.remote.tuning.TuningState;

/**
 * Result of {@code rollback} on one host: the script outcome, or on a dry run the recorded state that would be
 * restored (empty when the host has none).
 */
public record RollbackReport(String host, boolean dryRun, Optional<ScriptOutcome> outcome,
                             Optional<TuningState> recorded) implements jts.fleet.controller.fleet.ReportsChanges {

    /**
     * For the change record: each value put back from what it was to its recorded original (rolled back), those
     * already there (ok), devices gone since, and what became of the rules file.
     */
    @Override
    public java.util.List<ChangeItem> changeItems() {
        java.util.List<ChangeItem> items = new java.util.ArrayList<>();
        outcome.ifPresent(o -> {
            for (ScriptRecord r : o.records()) {
                switch (r.kind()) {
                    case "restored" -> items.add(r.valueChange(ChangeItem.Result.ROLLED_BACK));
                    case "ok" -> items.add(r.valueOk());
                    case "gone" -> items.add(ChangeItem.of(r.field(0), r.field(1), null, r.field(2),
                            ChangeItem.Result.OK).withNote("device gone: nothing to restore"));
                    case "rules" -> items.add(switch (r.field(0)) {
                        case "removed" -> ChangeItem.of(r.field(1), "content", "jts-fleet", null,
                                ChangeItem.Result.CHANGED).withNote("removed");
                        case "restored" -> ChangeItem.of(r.field(1), "content", "jts-fleet", "the file found before",
                                ChangeItem.Result.ROLLED_BACK);
                        default -> ChangeItem.of(r.field(1), "content", null, null, ChangeItem.Result.OK)
                                .withNote(r.field(0));
                    });
                    default -> {
                        // notes and errors are not changes
                    }
                }
            }
        });
        return items;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        if (dryRun) {
            if (recorded.isEmpty()) {
                return host + ": nothing recorded: nothing to roll back\n";
            }
            recorded.get().entries().forEach(e -> sb.append(host).append(": would restore ").append(e.device()).append(' ')
                    .append(e.attribute().key()).append(" = ").append(e.value()).append('\n'));
            return sb.toString();
        }
        for (ScriptRecord r : outcome.orElseThrow().records()) {
            sb.append(host).append(": ").append(r.kind()).append(' ').append(String.join(" ", r.fields())).append('\n');
        }
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("dry_run", dryRun);
        json.put("result", outcome.map(ScriptOutcome::result).orElse(dryRun ? "dry-run" : "nothing"));
        json.put("restored", outcome.map(o -> o.records("restored").stream().map(ScriptRecord::valueChangeText)
                .toList()).orElse(java.util.List.of()));
        return json;
    }
}
