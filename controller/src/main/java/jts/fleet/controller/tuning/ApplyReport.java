package jts.fleet.controller.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.tuning.ScriptOutcome;
import jts.fleet.remote.tuning.ScriptRecord;

/**
 * Result of {@code apply} on one host that did not fail. {@code outcome} is empty on a dry run (nothing was
 * sent); {@code changed} and {@code ok} list "device attribute old -> new" / "device attribute value".
 */
public record ApplyReport(PlanReport plan, boolean dryRun, Optional<ScriptOutcome> outcome)
        implements jts.fleet.controller.fleet.ReportsChanges {

    /** For the change record: every planned attribute (ok or changed from before to after) and the rules file. */
    @Override
    public List<ChangeItem> changeItems() {
        List<ChangeItem> items = new ArrayList<>();
        outcome.ifPresent(o -> {
            for (ScriptRecord r : o.records()) {
                switch (r.kind()) {
                    case "changed" -> items.add(r.valueChange(ChangeItem.Result.CHANGED));
                    case "ok" -> items.add(r.valueOk());
                    case "rules" -> items.add(ChangeItem.of(r.field(1), "content", null,
                            "jts-fleet " + plan.plan().policyHash(), r.field(0).equals("changed")
                                    ? ChangeItem.Result.CHANGED : ChangeItem.Result.OK));
                    default -> {
                        // notes and errors are not changes
                    }
                }
            }
        });
        return items;
    }

    public List<String> changed() {
        return outcome.map(o -> o.records("changed").stream().map(ScriptRecord::valueChangeText).toList())
                .orElse(List.of());
    }

    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        outcome.ifPresent(o -> {
            o.records("note").forEach(r -> notes.add(r.field(0)));
            o.records("rules").forEach(r -> notes.add("rules file " + r.field(1) + ": " + r.field(0)));
        });
        return notes;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        if (dryRun) {
            sb.append("dry run: nothing sent to ").append(plan.plan().host()).append('\n').append(plan.text());
            return sb.toString();
        }
        ScriptOutcome o = outcome.orElseThrow();
        // every step line names its host: with several hosts (and --serial batches) lines are read apart
        String host = plan.plan().host() + ": ";
        for (ScriptRecord r : o.records()) {
            sb.append(host);
            switch (r.kind()) {
                case "changed" -> sb.append("changed ").append(r.field(0)).append(' ').append(r.field(1)).append(": ")
                        .append(r.field(2)).append(" -> ").append(r.field(3)).append('\n');
                case "ok" -> sb.append("ok      ").append(r.field(0)).append(' ').append(r.field(1)).append(" = ")
                        .append(r.field(2)).append('\n');
                case "rules" -> sb.append("rules   ").append(r.field(1)).append(": ").append(r.field(0)).append('\n');
                case "note" -> sb.append("note    ").append(r.field(0)).append('\n');
                default -> sb.append(r.kind()).append(' ').append(String.join(" ", r.fields())).append('\n');
            }
        }
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", plan.plan().host());
        json.put("dry_run", dryRun);
        json.put("plan", plan.json());
        json.put("changed", changed());
        json.put("notes", notes());
        json.put("result", outcome.map(ScriptOutcome::result).orElse("dry-run"));
        return json;
    }
}
