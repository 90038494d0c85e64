package jts.fleet.remote.trim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TRIM as {@code jts-fleet status} shows it for one host: when the timer fires next (absent without systemd or
 * timer) and the recent run records, from which the last run and last success per filesystem follow.
 */
public record TrimStatus(String host, Optional<String> nextElapse, TrimLog log) {

    /**
     * Parses the output of {@code trim-status.sh}.
     *
     * @throws IllegalArgumentException naming the host when the first line is not {@code next ...}
     */
    public static TrimStatus parse(String host, String output) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("next ")) {
            throw new IllegalArgumentException(host + ": trim-status: expected \"next ...\" as line 1, got \""
                    + (lines.isEmpty() ? "" : lines.get(0)) + "\"");
        }
        String next = lines.get(0).substring("next ".length()).strip();
        boolean none = next.isEmpty() || next.equals("-") || next.equals("n/a");
        return new TrimStatus(host, none ? Optional.empty() : Optional.of(next), TrimLog.parse(lines.subList(1, lines.size())));
    }

    /** Records from a gather snapshot's trim log (no timer information). */
    public static TrimStatus fromLog(String host, List<String> trimLogLines) {
        return new TrimStatus(host, Optional.empty(), TrimLog.parse(trimLogLines));
    }

    public Map<String, TrimRecord> lastPerMount() {
        return log.lastPerMount();
    }

    public Map<String, TrimRecord> lastSuccessPerMount() {
        return log.lastSuccessPerMount();
    }
}
