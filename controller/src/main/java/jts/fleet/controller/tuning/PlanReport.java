package jts.fleet.controller.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.remote.tuning.HostPlan;
import jts.fleet.remote.tuning.MountOptionCheck;
import jts.fleet.remote.tuning.PlanText;

/**
 * What {@code plan} shows for one host: the plan, the rules file apply would push and its diff against the
 * file on the host ("" when equal), and each tier mount option expectation against the host's mounts (apply
 * never changes those: a drifting one says how to fix it in fstab).
 */
public record PlanReport(HostPlan plan, String rules, String rulesDiff, List<MountOptionCheck.Result> mountOptions) {
    public PlanReport {
        mountOptions = List.copyOf(mountOptions);
    }

    public PlanReport(HostPlan plan, String rules, String rulesDiff) {
        this(plan, rules, rulesDiff, List.of());
    }

    public String text() {
        StringBuilder out = new StringBuilder(PlanText.render(plan));
        for (MountOptionCheck.Result r : mountOptions) {
            out.append("  mount ").append(r.mount()).append(" (tier ").append(r.tier()).append("): ")
                    .append(r.expected()).append(r.ok() ? " ok (" + r.actual() + ")"
                            : " DRIFT: " + r.actual() + "; " + r.fix()).append('\n');
        }
        return out + (rulesDiff.isEmpty() ? "  rules file: unchanged\n" : rulesDiff);
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(PlanText.json(plan));
        List<Object> options = new ArrayList<>();
        for (MountOptionCheck.Result r : mountOptions) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("mount", r.mount());
            o.put("tier", r.tier());
            o.put("fstype", r.fstype());
            o.put("expected", r.expected());
            o.put("actual", r.actual());
            o.put("ok", r.ok());
            o.put("fix", r.ok() ? null : r.fix());
            options.add(o);
        }
        json.put("mount_options", options);
        json.put("rules_diff", rulesDiff);
        return json;
    }
}
