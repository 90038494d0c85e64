package jts.fleet.remote.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.json.JsonMappers;
import jts.fleet.remote.script.ScriptResources;

/**
 * Prometheus alerting rule groups from the tier policy. Latency comes from node_exporter's {@code node_disk_*}
 * counters joined with {@code jts_device_info} (written by the host metrics script) for the tier label; health,
 * drift and canary from the script's own series; TRIM from the trim script's series.
 *
 * <p>No rule looks at %util or queue depth: on flash both saturate long before latency suffers (the iostat man
 * page, atop#153); held latency is the signal (vexxhost/atmosphere#3713). Stacked devices (class dm, md) are
 * left out of latency rules so one slow leaf is not alerted once per layer.
 *
 * <p>Rendered as deterministic YAML text (fixed key order, every string quoted, exprs as block scalars) so the
 * output is a stable golden file and needs no YAML library in this module.
 */
public final class AlertRules {
    /** Window of the rate() in latency rules: long enough to smooth one slow burst, short enough to react. */
    static final String RATE_WINDOW = "5m";
    static final String LATENCY_FOR = "10m";
    static final String CANARY_WINDOW = "15m";
    static final String CANARY_FOR = "15m";

    private AlertRules() {
    }

    /**
     * The rules that do not depend on the policy (drift, TRIM results, NVMe health, NFS, silence), by group: a
     * table, {@code fixed-alert-rules.json}, read once; each group says there why its rules are what they are.
     */
    private static final class FixedRules {
        static final Map<String, List<Rule>> TABLE = read();

        private record Row(String alert, List<String> expr, @JsonProperty("for") String forDuration, String severity,
                           String summary, String description) {
        }

        private record GroupRows(String group, String about, List<Row> rules) {
        }

        private static Map<String, List<Rule>> read() {
            String resource = "/jts/fleet/remote/monitor/fixed-alert-rules.json";
            try {
                List<GroupRows> groups = JsonMappers.mapper().readValue(ScriptResources.text(resource),
                        new TypeReference<List<GroupRows>>() { });
                Map<String, List<Rule>> table = new LinkedHashMap<>();
                for (GroupRows g : groups) {
                    table.put(g.group(), g.rules().stream().map(r -> new Rule(r.alert(), String.join("\n", r.expr()),
                            r.forDuration(), r.severity(), null, r.summary(), r.description())).toList());
                }
                if (!table.keySet().equals(Set.of("jts-storage-tuning", "jts-storage-trim",
                        "jts-storage-nvme", "jts-storage-network", "jts-storage-silence"))) {
                    throw new IllegalStateException(resource + " has the groups " + table.keySet() + " (broken build)");
                }
                return Map.copyOf(table);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(resource + " is not a table of rules (broken build): "
                        + e.getOriginalMessage(), e);
            }
        }
    }

    /** One alerting rule. {@code expr} must yield the value the description quotes as {@code $value}. */
    public record Rule(String alert, String expr, String forDuration, String severity, String tier,
                       String summary, String description) {
    }

    public record Group(String name, List<Rule> rules) {
        public Group {
            rules = List.copyOf(rules);
        }
    }

    public static List<Group> groups(List<Tier> tiers) {
        for (Tier tier : tiers) {
            // the name lands inside PromQL label matchers: refuse anything that could break out of the quotes
            if (!tier.name().matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("tier name \"" + tier.name() + "\" cannot be used in alert rules");
            }
        }
        List<Rule> latency = new ArrayList<>();
        List<Rule> canary = new ArrayList<>();
        List<Rule> trim = new ArrayList<>();
        List<Rule> filesystem = new ArrayList<>();
        boolean anyNetwork = false;
        for (Tier tier : tiers) {
            Thresholds t = tier.thresholds();
            if (selectsBlock(tier)) {
                String info = "jts_device_info{tier=\"" + tier.name() + "\",class!~\"dm|md\"}";
                latency.addAll(awaitRules(tier.name(), "JtsReadLatencyHigh", "read",
                        "node_disk_read_time_seconds_total", "node_disk_reads_completed_total", info,
                        t.readAwaitWarnMs(), t.readAwaitCritMs()));
                latency.addAll(awaitRules(tier.name(), "JtsWriteLatencyHigh", "write",
                        "node_disk_write_time_seconds_total", "node_disk_writes_completed_total", info,
                        t.writeAwaitWarnMs(), t.writeAwaitCritMs()));
                latency.addAll(awaitRules(tier.name(), "JtsFlushLatencyHigh", "flush (fsync)",
                        "node_disk_flush_requests_time_seconds_total", "node_disk_flush_requests_total", info,
                        t.flushAwaitWarnMs(), t.flushAwaitCritMs()));
            }
            if (selectsNetwork(tier)) {
                anyNetwork = true;
                latency.addAll(nfsRules(tier.name(), "JtsReadLatencyHigh", "read", "READ",
                        t.readAwaitWarnMs(), t.readAwaitCritMs()));
                latency.addAll(nfsRules(tier.name(), "JtsWriteLatencyHigh", "write", "WRITE",
                        t.writeAwaitWarnMs(), t.writeAwaitCritMs()));
                latency.addAll(nfsRules(tier.name(), "JtsFlushLatencyHigh", "flush (fsync)", "COMMIT",
                        t.flushAwaitWarnMs(), t.flushAwaitCritMs()));
            }
            if (tier.canary()) {
                canary.addAll(canaryRules(tier.name(), t));
            }
            if (tier.trim()) {
                trim.add(new Rule("JtsTrimOverdue",
                        // counted from the last success, or from when TRIM was configured when it never succeeded;
                        // the trim script labels mounts "mount", jts_mount_info says "mountpoint"
                        "(time() - (jts_trim_last_success_timestamp_seconds\n"
                                + "    or on(instance, mount) jts_trim_configured_timestamp_seconds))\n"
                                + "  * on(instance, mount) group_left(tier)\n"
                                + "    label_replace(jts_mount_info{tier=\"" + tier.name()
                                + "\"}, \"mount\", \"$1\", \"mountpoint\", \"(.*)\")\n  > " + t.trimOverdueDays()
                                + " * 86400",
                        "1h", "warning", tier.name(),
                        "TRIM overdue on {{ $labels.instance }} {{ $labels.mount }}",
                        "No successful TRIM of " + tier.name() + " mount {{ $labels.mount }} for "
                                + "{{ $value | humanizeDuration }} (since the last success, or since TRIM was "
                                + "installed when it never succeeded; limit " + t.trimOverdueDays() + " days). "
                                + "Check jts-fstrim.timer and trim.jsonl on the host."));
            }
            filesystem.add(filesystemRule(tier.name(), "warning", t.filesystemFullWarnPct()));
            filesystem.add(filesystemRule(tier.name(), "critical", t.filesystemFullCritPct()));
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("jts-storage-latency", latency));
        if (!canary.isEmpty()) {
            groups.add(new Group("jts-storage-canary", canary));
        }
        groups.add(new Group("jts-storage-tuning", FixedRules.TABLE.get("jts-storage-tuning")));
        List<Rule> trimAll = new ArrayList<>(trim);
        trimAll.addAll(FixedRules.TABLE.get("jts-storage-trim"));
        groups.add(new Group("jts-storage-trim", trimAll));
        groups.add(new Group("jts-storage-nvme", FixedRules.TABLE.get("jts-storage-nvme")));
        groups.add(new Group("jts-storage-filesystem", filesystem));
        if (anyNetwork) {
            groups.add(new Group("jts-storage-network", FixedRules.TABLE.get("jts-storage-network")));
        }
        groups.add(new Group("jts-storage-silence", FixedRules.TABLE.get("jts-storage-silence")));
        return List.copyOf(groups);
    }

    /** A tier that selects block devices: any class other than network, a device glob, or mounts only. */
    static boolean selectsBlock(Tier tier) {
        var m = tier.match();
        boolean onlyNetworkClasses = !m.classes().isEmpty()
                && m.classes().stream().allMatch(c -> c == DeviceClass.NETWORK);
        return !(onlyNetworkClasses && m.devices().isEmpty());
    }

    /** A tier that selects network filesystems: class network, or mount paths only (which may be NFS). */
    static boolean selectsNetwork(Tier tier) {
        var m = tier.match();
        return m.classes().contains(DeviceClass.NETWORK)
                || (m.classes().isEmpty() && m.devices().isEmpty() && !m.mounts().isEmpty());
    }

    /**
     * NFS has no diskstats: per-operation execute time (queue + round trip, what the application waits for) from
     * node_exporter's {@code mountstats} collector (off by default: {@code --collector.mountstats}), joined with
     * {@code jts_mount_info} on the export (the mount source) for the tier. Flush is NFS COMMIT.
     */
    private static List<Rule> nfsRules(String tier, String alert, String what, String operation, double warnMs,
                                       double critMs) {
        List<Rule> rules = new ArrayList<>();
        for (String severity : new String[] {"warning", "critical"}) {
            double limit = severity.equals("warning") ? warnMs : critMs;
            String expr = "1000 * rate(node_mountstats_nfs_operations_request_time_seconds_total{operation=\""
                    + operation + "\"}[" + RATE_WINDOW + "])\n"
                    + "  / rate(node_mountstats_nfs_operations_requests_total{operation=\"" + operation + "\"}["
                    + RATE_WINDOW + "])\n"
                    + "  * on(instance, export) group_left(tier) max by (instance, export, tier) (\n"
                    + "    label_replace(jts_mount_info{tier=\"" + tier + "\",fstype=~\"nfs4?\"}, \"export\", \"$1\", "
                    + "\"device\", \"(.*)\"))\n  > " + number(limit);
            rules.add(new Rule(alert, expr, LATENCY_FOR, severity, tier,
                    capitalise(what) + " latency above the " + tier + " SLO on {{ $labels.instance }} "
                            + "{{ $labels.export }}",
                    "Average NFS " + operation + " time (queue + round trip) {{ $value | printf \"%.2f\" }} ms over "
                            + RATE_WINDOW + " has stayed above " + number(limit) + " ms (" + severity + ", tier "
                            + tier + ") for " + LATENCY_FOR + "."));
        }
        return rules;
    }

    private static List<Rule> awaitRules(String tier, String alert, String what, String timeSeries,
                                         String countSeries, String info, double warnMs, double critMs) {
        List<Rule> rules = new ArrayList<>();
        for (String severity : new String[] {"warning", "critical"}) {
            double limit = severity.equals("warning") ? warnMs : critMs;
            String expr = "1000 * rate(" + timeSeries + "[" + RATE_WINDOW + "]) / rate(" + countSeries + "["
                    + RATE_WINDOW + "])\n  * on(instance, device) group_left(tier) " + info + "\n  > " + number(limit);
            rules.add(new Rule(alert, expr, LATENCY_FOR, severity, tier,
                    capitalise(what) + " latency above the " + tier + " SLO on {{ $labels.instance }} "
                            + "{{ $labels.device }}",
                    "Average " + what + " await {{ $value | printf \"%.2f\" }} ms over " + RATE_WINDOW
                            + " has stayed above " + number(limit) + " ms (" + severity + ", tier " + tier
                            + ") for " + LATENCY_FOR + "."));
        }
        return rules;
    }

    private static List<Rule> canaryRules(String tier, Thresholds t) {
        List<Rule> rules = new ArrayList<>();
        for (String severity : new String[] {"warning", "critical"}) {
            double limit = severity.equals("warning") ? t.canaryP99WarnMs() : t.canaryP99CritMs();
            String expr = "1000 * histogram_quantile(0.99, sum by (instance, mountpoint, tier, le) "
                    + "(rate(jts_canary_read_seconds_bucket{tier=\"" + tier + "\"}[" + CANARY_WINDOW + "])))\n  > "
                    + number(limit);
            rules.add(new Rule("JtsCanaryLatencyHigh", expr, CANARY_FOR, severity, tier,
                    "Canary read p99 above the " + tier + " SLO on {{ $labels.instance }} {{ $labels.mountpoint }}",
                    "p99 of the 4 KiB O_DIRECT canary read on {{ $labels.mountpoint }} is "
                            + "{{ $value | printf \"%.2f\" }} ms over " + CANARY_WINDOW + ", above " + number(limit)
                            + " ms (" + severity + ")."));
        }
        return rules;
    }

    private static Rule filesystemRule(String tier, String severity, double pct) {
        return new Rule("JtsFilesystemFilling",
                "100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes)\n"
                        + "  * on(instance, mountpoint) group_left(tier) jts_mount_info{tier=\"" + tier + "\"}\n  > "
                        + number(pct),
                "15m", severity, tier,
                "Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is filling",
                "{{ $labels.mountpoint }} (tier " + tier + ") is {{ $value | printf \"%.1f\" }}% full, above "
                        + number(pct) + "% (" + severity + ").");
    }

    /** The rule file text. */
    public static String render(List<Tier> tiers) {
        StringBuilder out = new StringBuilder();
        out.append("# Rendered by jts-fleet render alerts from the tier policy. Do not edit: re-render.\n");
        out.append("groups:\n");
        for (Group g : groups(tiers)) {
            out.append("  - name: ").append(quote(g.name())).append('\n');
            out.append("    rules:\n");
            for (Rule r : g.rules()) {
                out.append("      - alert: ").append(r.alert()).append('\n');
                out.append("        expr: |-\n");
                for (String line : r.expr().split("\n")) {
                    out.append("          ").append(line).append('\n');
                }
                out.append("        for: ").append(r.forDuration()).append('\n');
                out.append("        labels:\n");
                out.append("          severity: ").append(quote(r.severity())).append('\n');
                if (r.tier() != null) {
                    out.append("          tier: ").append(quote(r.tier())).append('\n');
                }
                out.append("        annotations:\n");
                out.append("          summary: ").append(quote(r.summary())).append('\n');
                out.append("          description: ").append(quote(r.description())).append('\n');
            }
        }
        return out.toString();
    }

    /** YAML double-quoted scalar (a JSON string is one). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Shortest exact decimal: 2 not 2.0, 0.5 stays 0.5. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
