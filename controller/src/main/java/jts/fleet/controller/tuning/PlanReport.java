package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

import jts.fleet.remote.tuning.HostPlan;
import jts.fleet.remote.tuning.PlanText;

/**
 * What {@code plan} shows for one host: the plan, the rules file apply would push and its diff against the
 * file on the host ("" when equal).
 */
public record PlanReport(HostPlan plan, String rules, String rulesDiff) {

    public String text() {
        return PlanText.render(plan) + (rulesDiff.isEmpty() ? "  rules file: unchanged\n" : rulesDiff);
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(PlanText.json(plan));
        json.put("rules_diff", rulesDiff);
        return json;
    }
}
