package jts.fleet.remote.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;

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
        for (Tier tier : tiers) {
            Thresholds t = tier.thresholds();
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
            if (tier.canary()) {
                canary.addAll(canaryRules(tier.name(), t));
            }
            if (tier.trim()) {
                trim.add(new Rule("JtsTrimOverdue",
                        // the trim script labels mounts "mount"; jts_mount_info says "mountpoint"
                        "(time() - jts_trim_last_success_timestamp_seconds)\n"
                                + "  * on(instance, mount) group_left(tier)\n"
                                + "    label_replace(jts_mount_info{tier=\"" + tier.name()
                                + "\"}, \"mount\", \"$1\", \"mountpoint\", \"(.*)\")\n  > " + t.trimOverdueDays()
                                + " * 86400",
                        "1h", "warning", tier.name(),
                        "TRIM overdue on {{ $labels.instance }} {{ $labels.mount }}",
                        "Last successful TRIM of " + tier.name() + " mount {{ $labels.mount }} was "
                                + "{{ $value | humanizeDuration }} ago (limit " + t.trimOverdueDays() + " days). "
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
        groups.add(new Group("jts-storage-tuning", List.of(new Rule("JtsTuningDrift",
                "jts_tuning_drift == 1", "30m", "warning", null,
                "Block queue setting drifted on {{ $labels.instance }} {{ $labels.device }}",
                "{{ $labels.device }} {{ $labels.attribute }} is \"{{ $labels.actual }}\", the policy wants "
                        + "\"{{ $labels.expected }}\". Another tool (tuned, a udev rule) may have overwritten it; "
                        + "run jts-fleet tune verify."))));
        List<Rule> trimAll = new ArrayList<>(trim);
        trimAll.add(new Rule("JtsTrimFailed", "jts_trim_result{result=\"failed\"} == 1", "5m", "warning", null,
                "TRIM failed on {{ $labels.instance }} {{ $labels.mount }}",
                "The last TRIM run of {{ $labels.mount }} failed; see the trim log on the host."));
        groups.add(new Group("jts-storage-trim", trimAll));
        groups.add(new Group("jts-storage-nvme", nvmeRules()));
        groups.add(new Group("jts-storage-filesystem", filesystem));
        return List.copyOf(groups);
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

    private static List<Rule> nvmeRules() {
        return List.of(
                new Rule("JtsNvmeWear", "jts_nvme_percentage_used >= 80 < 90", "1h", "warning", null,
                        "NVMe endurance 80% used on {{ $labels.instance }} {{ $labels.device }}",
                        "{{ $labels.device }} reports {{ $value }}% of its rated endurance used. This is wear, not"
                                + " failure: plan a replacement."),
                new Rule("JtsNvmeWear", "jts_nvme_percentage_used >= 90", "1h", "critical", null,
                        "NVMe endurance 90% used on {{ $labels.instance }} {{ $labels.device }}",
                        "{{ $labels.device }} reports {{ $value }}% of its rated endurance used: replace it soon."),
                new Rule("JtsNvmeMediaErrors", "increase(jts_nvme_media_errors_total[1h]) > 0", "5m", "critical",
                        null, "NVMe media errors increasing on {{ $labels.instance }} {{ $labels.device }}",
                        "{{ $labels.device }} logged new media/data-integrity errors within the last hour: back up and "
                                + "plan a replacement."),
                new Rule("JtsNvmeCriticalWarning", "jts_nvme_critical_warning == 1", "5m", "critical", null,
                        "NVMe critical warning {{ $labels.bit }} on {{ $labels.instance }} {{ $labels.device }}",
                        "{{ $labels.device }} has critical warning bit {{ $labels.bit }} set in its SMART log."),
                new Rule("JtsNvmeSpareLow",
                        "jts_nvme_available_spare_ratio\n  <= on(instance, device) "
                                + "jts_nvme_available_spare_threshold_ratio",
                        "15m", "critical", null,
                        "NVMe spare below threshold on {{ $labels.instance }} {{ $labels.device }}",
                        "{{ $labels.device }} has {{ $value | humanizePercentage }} spare left, at or below its "
                                + "vendor threshold."));
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
