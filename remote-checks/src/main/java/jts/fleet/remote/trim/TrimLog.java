package jts.fleet.remote.trim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run records read back from a host: the tail of {@code trim.jsonl} (the gather snapshot carries its last 200
 * lines) or the stdout of {@code jts-fstrim --json}. A bad line never hides the good ones: it is kept in
 * {@link #problems()} with its line number.
 */
public record TrimLog(List<TrimRecord> records, List<Problem> problems) {

    /** A line that could not be read: 1-based line number within the parsed text and what was wrong. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    public TrimLog {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    public static TrimLog parse(List<String> lines) {
        List<TrimRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(TrimRecord.parse(line));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(i + 1, e.getMessage()));
            }
        }
        return new TrimLog(records, problems);
    }

    public static TrimLog parse(String text) {
        return parse(text.lines().toList());
    }

    /**
     * What {@code jts-fstrim --json} printed in a run (trim-run.sh): its records, every line one.
     *
     * @throws IllegalArgumentException naming the host, the first bad line, the exit and the first line of stderr
     */
    public static List<TrimRecord> parseRun(String host, String stdout, int exitCode, String stderr) {
        TrimLog log = parse(stdout);
        if (!log.problems().isEmpty()) {
            throw new IllegalArgumentException(host + ": jts-fstrim --json output " + log.problems().get(0) + " (exit "
                    + exitCode + ", stderr: " + jts.fleet.remote.model.HostText.firstLine(stderr) + ")");
        }
        return log.records();
    }

    /**
     * The latest run and the latest successful run of every mount (dry runs ignored), mounts in order of first
     * appearance: the log read once, for judging each of its mounts ({@link TrimVerdict#judge}).
     */
    public record Latest(Map<String, TrimRecord> runs, Map<String, TrimRecord> successes) {
        public Latest {
            runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
            successes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(successes));
        }
    }

    /** {@link Latest}: one pass over the records for each of its maps, whatever the number of mounts. */
    public Latest latest() {
        return new Latest(lastPerMount(), lastSuccessPerMount());
    }

    /** The latest record per mount (dry runs ignored), mounts in order of first appearance. */
    public Map<String, TrimRecord> lastPerMount() {
        return latest(r -> true);
    }

    /** The latest successful trim per mount; mounts never trimmed successfully are absent. */
    public Map<String, TrimRecord> lastSuccessPerMount() {
        return latest(r -> r.result() == TrimResult.OK);
    }

    private Map<String, TrimRecord> latest(java.util.function.Predicate<TrimRecord> filter) {
        Map<String, TrimRecord> out = new LinkedHashMap<>();
        Comparator<TrimRecord> byTime = Comparator.comparing(TrimRecord::time);
        for (TrimRecord r : records) {
            if (r.dryRun() || !filter.test(r)) {
                continue;
            }
            // equal times: the later line wins, as it was appended later
            out.merge(r.mount(), r, (old, neu) -> byTime.compare(neu, old) >= 0 ? neu : old);
        }
        return out;
    }
}
