package jts.fleet.controller.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All findings of one {@code check} run, worst first, with the Nagios exit code. */
public record CheckReport(List<Finding> findings, int hostCount) {
    public CheckReport {
        findings = findings.stream()
                .sorted(Comparator.comparing((Finding f) -> -f.severity().rank()).thenComparing(Finding::host))
                .toList();
    }

    public Severity overall() {
        return findings.stream().map(Finding::severity).max(Comparator.comparing(Severity::rank))
                .orElse(Severity.OK);
    }

    public int exitCode() {
        return overall().exitCode();
    }

    /** Nagios style: a status line first, then one line per finding. */
    public String render() {
        Map<Severity, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        StringBuilder out = new StringBuilder();
        out.append("JTS-FLEET STORAGE ").append(overall().name()).append(" - ")
                .append(counts.getOrDefault(Severity.CRITICAL, 0L)).append(" critical, ")
                .append(counts.getOrDefault(Severity.WARNING, 0L)).append(" warning, ")
                .append(counts.getOrDefault(Severity.UNKNOWN, 0L)).append(" unknown on ")
                .append(hostCount).append(hostCount == 1 ? " host\n" : " hosts\n");
        for (Finding f : findings) {
            out.append(f.line()).append('\n');
        }
        return out.toString();
    }
}
