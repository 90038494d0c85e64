package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.remote.model.HostText;

/**
 * Human and JSON views of a {@link HostPlan}. The JSON view is a plain map tree (stable keys, no Optional),
 * so the CLI serialises it with any ObjectMapper.
 */
public final class PlanText {
    private PlanText() {
    }

    public static String render(HostPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("host ").append(plan.host()).append("  policy ").append(plan.policyHash()).append("  plan ")
                .append(plan.valid() ? "valid" : "INVALID: nothing will be applied on this host").append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DEVICE", "TIER", "ATTRIBUTE", "CURRENT", "DESIRED", "ACTION", "REASON"});
        List<String> skipped = new ArrayList<>();
        for (DevicePlan d : plan.devices()) {
            if (d.skipReason().isPresent()) {
                skipped.add(d.device() + ": " + d.skipReason().get());
                continue;
            }
            for (PlannedSetting s : d.settings()) {
                // values and reasons may carry text from the host (a mount point in "mount /p on d")
                rows.add(new String[] {HostText.escape(d.device()), d.tier().orElse("-"), s.attribute().key(),
                    HostText.escape(shown(s.attribute(), s.current().orElse("-"))), shown(s.attribute(), s.desired()),
                    s.action().key(), HostText.escape(s.reason())});
            }
        }
        int[] width = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], width[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        for (DevicePlan d : plan.devices()) {
            if (d.skipReason().isEmpty() && !d.via().isEmpty()) {
                out.append("  ").append(HostText.escape(d.device())).append(" in tier ").append(d.tier().orElse("-"))
                        .append(": ").append(HostText.escape(String.join("; ", d.via()))).append('\n');
            }
        }
        for (String s : skipped) {
            out.append("  skipped ").append(HostText.escape(s)).append('\n');
        }
        for (String c : plan.conflicts()) {
            out.append("  conflict ").append(HostText.escape(c)).append('\n');
        }
        for (String r : plan.invalidReasons()) {
            out.append("  invalid ").append(HostText.escape(r)).append('\n');
        }
        out.append("  summary: ").append(plan.count(TuningAction.SET)).append(" to set, ")
                .append(plan.count(TuningAction.OK)).append(" ok, ").append(plan.count(TuningAction.SKIP))
                .append(" skipped, ").append(plan.count(TuningAction.NOT_APPLICABLE)).append(" not applicable, ")
                .append(plan.count(TuningAction.INVALID)).append(" invalid\n");
        return out.toString();
    }

    /** Read-ahead in KiB and 512-byte sectors: blockdev --getra speaks sectors, sysfs KiB (tuned#94). */
    static String shown(jts.fleet.inventory.QueueAttribute attribute, String value) {
        if (attribute == jts.fleet.inventory.QueueAttribute.READ_AHEAD_KB && value.matches("\\d{1,12}")) {
            return value + " KiB (" + Long.parseLong(value) * 2 + " sectors)";
        }
        return value;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** JSON view: {@code host, policy_hash, valid, devices[{device, class, tier, selected_by, hidden, zoned,
     * via[], skip_reason, settings[{attribute, current, desired, action, reason}]}], conflicts[], invalid[]}. */
    public static Map<String, Object> json(HostPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("host", plan.host());
        root.put("policy_hash", plan.policyHash());
        root.put("valid", plan.valid());
        List<Object> devices = new ArrayList<>();
        for (DevicePlan d : plan.devices()) {
            Map<String, Object> dev = new LinkedHashMap<>();
            dev.put("device", d.device());
            dev.put("class", d.deviceClass().key());
            dev.put("tier", d.tier().orElse(null));
            dev.put("selected_by", d.selectedBy().key());
            dev.put("hidden", d.hidden());
            dev.put("zoned", d.zoned());
            dev.put("via", d.via());
            dev.put("skip_reason", d.skipReason().orElse(null));
            List<Object> settings = new ArrayList<>();
            for (PlannedSetting s : d.settings()) {
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("attribute", s.attribute().key());
                set.put("current", s.current().orElse(null));
                set.put("desired", s.desired());
                set.put("action", s.action().key());
                set.put("reason", s.reason());
                settings.add(set);
            }
            dev.put("settings", settings);
            devices.add(dev);
        }
        root.put("devices", devices);
        root.put("conflicts", plan.conflicts());
        root.put("invalid", plan.invalidReasons());
        return root;
    }
}
