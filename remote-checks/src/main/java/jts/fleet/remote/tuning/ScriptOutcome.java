package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed output of tune-apply.sh or tune-rollback.sh on one host.
 *
 * @param result the final {@code result} record ({@code applied}, {@code failed}, {@code rolled-back},
 *               {@code nothing}); {@code missing} when the output ended before it (killed, truncated)
 */
public record ScriptOutcome(String host, int exitCode, String result, List<ScriptRecord> records, String stderr) {
    public ScriptOutcome {
        records = List.copyOf(records);
    }

    public static ScriptOutcome parse(String host, int exitCode, String stdout, String stderr) {
        List<ScriptRecord> records = new ArrayList<>();
        String result = "missing";
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            ScriptRecord record = new ScriptRecord(parts[0], List.of(parts).subList(1, parts.length));
            if (record.kind().equals("result")) {
                result = record.field(0);
            } else {
                records.add(record);
            }
        }
        return new ScriptOutcome(host, exitCode, result, records, stderr == null ? "" : stderr);
    }

    public boolean succeeded() {
        return exitCode == 0 && (result.equals("applied") || result.equals("rolled-back") || result.equals("nothing"));
    }

    /** The script refused because another apply or rollback holds the host's lock; nothing was touched. */
    public boolean locked() {
        return exitCode == 4 && result.equals("locked");
    }

    public List<ScriptRecord> records(String kind) {
        return records.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** True when something on the host changed: a sysfs value or the rules file. */
    public boolean changedAnything() {
        return !records("changed").isEmpty() || !records("restored").isEmpty()
                || records("rules").stream().anyMatch(r -> !r.field(0).equals("ok") && !r.field(0).equals("absent"));
    }

    /** The error lines, prefixed with the host, or the stderr/exit status when the script printed none. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (ScriptRecord r : records("error")) {
            errors.add(host + ": " + r.field(0));
        }
        if (errors.isEmpty() && !succeeded()) {
            String detail = stderr.isBlank() ? "no result record" : stderr.strip();
            errors.add(host + ": script exited " + exitCode + " (" + detail + ")");
        }
        return errors;
    }
}
