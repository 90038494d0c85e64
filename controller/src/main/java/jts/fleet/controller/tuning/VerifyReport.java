package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Result of {@code verify} on one host: how many settings were checked and what drifted. */
public record VerifyReport(String host, int checked, List<Drift> differences) {
    public VerifyReport {
        differences = List.copyOf(differences);
    }

    public boolean drift() {
        return !differences.isEmpty();
    }

    public String text() {
        if (differences.isEmpty()) {
            return host + ": " + checked + " settings match\n";
        }
        StringBuilder sb = new StringBuilder();
        differences.forEach(d -> sb.append("  drift ").append(d.text()).append('\n'));
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("checked", checked);
        json.put("drift", drift());
        json.put("findings", differences.stream().map(Drift::json).toList()); // the key of docs/schema/verify.json
        return json;
    }
}
