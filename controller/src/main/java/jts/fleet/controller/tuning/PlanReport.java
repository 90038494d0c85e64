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
public record PlanReport(HostPlan plan, String rules, String rulesDiff, List<MountOptionCheck.Finding> mountOptions) {
    public PlanReport {
        mountOptions = List.copyOf(mountOptions);
    }

    public PlanReport(HostPlan plan, String rules, String rulesDiff) {
        this(plan, rules, rulesDiff, List.of());
    }

    public String text() {
        StringBuilder out = new StringBuilder(PlanText.render(plan));
        for (MountOptionCheck.Finding f : mountOptions) {
            out.append("  mount ").append(f.mount()).append(" (tier ").append(f.tier()).append("): ")
                    .append(f.expected()).append(f.ok() ? " ok (" + f.actual() + ")"
                            : " DRIFT: " + f.actual() + "; " + f.fix()).append('\n');
        }
        return out + (rulesDiff.isEmpty() ? "  rules file: unchanged\n" : rulesDiff);
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(PlanText.json(plan));
        List<Object> options = new ArrayList<>();
        for (MountOptionCheck.Finding f : mountOptions) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("mount", f.mount());
            o.put("tier", f.tier());
            o.put("fstype", f.fstype());
            o.put("expected", f.expected());
            o.put("actual", f.actual());
            o.put("ok", f.ok());
            o.put("fix", f.ok() ? null : f.fix());
            options.add(o);
        }
        json.put("mount_options", options);
        json.put("rules_diff", rulesDiff);
        return json;
    }
}
