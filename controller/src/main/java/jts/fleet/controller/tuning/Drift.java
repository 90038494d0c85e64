package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One difference {@code verify} found between what the policy wants and what a host has: a queue setting, the rules
 * file, a mount option. {@code culprit} is the likely cause where one is visible ("" when nothing points anywhere).
 * A fact with its own JSON shape, not a judged {@code Finding}; the planner's per-setting part is
 * {@code HostPlan.Drift}.
 */
public record Drift(String host, String device, String attribute, String expected, String actual, String culprit) {

    public String text() {
        return host + ": " + device + " " + attribute + ": expected " + expected + ", actual " + actual
                + (culprit.isEmpty() ? "" : " (likely: " + culprit + ")");
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("device", device);
        json.put("attribute", attribute);
        json.put("expected", expected);
        json.put("actual", actual);
        json.put("culprit", culprit);
        return json;
    }
}
