package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jts.fleet.remote.tuning.ScriptOutcome;
import jts.fleet.remote.tuning.ScriptRecord;
import jts.fleet.remote.tuning.TuningState;

/**
 * Result of {@code rollback} on one host: the script outcome, or on a dry run the recorded state that would be
 * restored (empty when the host has none).
 */
public record RollbackReport(String host, boolean dryRun, Optional<ScriptOutcome> outcome,
                             Optional<TuningState> recorded) {

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
        json.put("restored", outcome.map(o -> o.records("restored").stream()
                .map(r -> r.field(0) + " " + r.field(1) + " " + r.field(2) + " -> " + r.field(3)).toList())
                .orElse(java.util.List.of()));
        return json;
    }
}
