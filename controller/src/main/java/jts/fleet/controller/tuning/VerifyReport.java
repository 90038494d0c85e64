package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Result of {@code verify} on one host: how many settings were checked and what drifted. */
public record VerifyReport(String host, int checked, List<DriftFinding> findings) {
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    public boolean drift() {
        return !findings.isEmpty();
    }

    public String text() {
        if (findings.isEmpty()) {
            return host + ": " + checked + " settings match\n";
        }
        StringBuilder sb = new StringBuilder();
        findings.forEach(f -> sb.append("  drift ").append(f.text()).append('\n'));
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("checked", checked);
        json.put("drift", drift());
        json.put("findings", findings.stream().map(DriftFinding::json).toList());
        return json;
    }
}
