package jts.fleet.controller.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;
import jts.fleet.remote.json.JsonMappers;

/**
 * All findings of one {@code check} run, worst first, with the Nagios exit code and the performance values
 * ({@link PerfValue}) that follow the status line after {@code |}.
 */
public record CheckReport(List<Finding> findings, int hostCount, List<PerfValue> perfdata) {
    public CheckReport {
        findings = findings.stream()
                .sorted(Comparator.comparing((Finding f) -> -f.severity().rank()).thenComparing(Finding::host))
                .toList();
        perfdata = List.copyOf(perfdata);
    }

    public CheckReport(List<Finding> findings, int hostCount) {
        this(findings, hostCount, List.of());
    }

    public Severity overall() {
        return findings.stream().map(Finding::severity).max(Comparator.comparing(Severity::rank))
                .orElse(Severity.OK);
    }

    public int exitCode() {
        return overall().exitCode();
    }

    private Map<Severity, Long> counts() {
        Map<Severity, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    /** Nagios style: a status line with the performance data after {@code |}, then one line per finding. */
    public String render() {
        Map<Severity, Long> counts = counts();
        StringBuilder out = new StringBuilder();
        out.append("JTS-FLEET STORAGE ").append(overall().name()).append(" - ")
                .append(counts.getOrDefault(Severity.CRITICAL, 0L)).append(" critical, ")
                .append(counts.getOrDefault(Severity.WARNING, 0L)).append(" warning, ")
                .append(counts.getOrDefault(Severity.UNKNOWN, 0L)).append(" unknown on ")
                .append(hostCount).append(hostCount == 1 ? " host" : " hosts");
        if (!perfdata.isEmpty()) {
            boolean withHost = perfdata.stream().map(PerfValue::host).distinct().count() > 1;
            out.append(" |");
            perfdata.forEach(p -> out.append(' ').append(p.render(withHost)));
        }
        out.append('\n');
        for (Finding f : findings) {
            out.append(f.line()).append('\n');
        }
        return out.toString();
    }

    /** {@code check -o json}: status and exit code, counts, findings and performance values (docs/schema/check.json). */
    public ObjectNode json() {
        Map<Severity, Long> counts = counts();
        ObjectNode doc = JsonMappers.object();
        doc.put("status", overall().name());
        doc.put("exit_code", exitCode());
        doc.put("hosts", hostCount);
        ObjectNode c = doc.putObject("counts");
        for (Severity s : Severity.values()) {
            c.put(s.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(s, 0L));
        }
        ArrayNode list = doc.putArray("findings");
        for (Finding f : findings) {
            list.addObject().put("host", f.host()).put("severity", f.severity().name()).put("text", f.text());
        }
        ArrayNode perf = doc.putArray("perfdata");
        boolean withHost = perfdata.stream().map(PerfValue::host).distinct().count() > 1;
        for (PerfValue p : perfdata) {
            perf.addObject().put("host", p.host()).put("tier", p.tier()).put("metric", p.metric())
                    .put("label", p.label(withHost)).put("value_ms", p.valueMs()).put("warn_ms", p.warnMs())
                    .put("crit_ms", p.critMs());
        }
        return doc;
    }
}
