package jts.fleet.controller.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One difference between what the policy wants and what a host has. {@code culprit} is the likely cause
 * where one is visible ("" when nothing points anywhere).
 */
public record DriftFinding(String host, String device, String attribute, String expected, String actual,
                           String culprit) {

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
