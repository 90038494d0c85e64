package jts.fleet.controller.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.monitor.AlertRules;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.trim.TrimScript;

/**
 * docs/METRICS.md: the Prometheus series the pushed host scripts write and the alert rules jts-fleet renders,
 * read from the shipped scripts and from {@link AlertRules} so the page cannot drift from what runs.
 *
 * <p>The monitoring code keeps metric families inside the scripts (awk {@code family(...)} calls, printf'd
 * {@code # HELP}/{@code # TYPE} lines), so they are extracted from the script text; the families of the NVMe
 * block are declared as parallel lists. A script edit that these patterns no longer see makes
 * {@code MetricsReferenceTest} fail (an alert-rule series without a documented family), never silently shrinks
 * the page.
 */
public final class MetricsReference {
    /** A metric family: where it is written, its type, HELP text and the labels seen on its samples. */
    public record Family(String name, String type, String help, List<String> labels, String writtenBy) {
        public Family {
            labels = List.copyOf(labels);
        }
    }

    /** Type and HELP of a family as declared in a script, before its labels are looked up. */
    private record Declared(String type, String help) {
    }

    private static final Pattern AWK_FAMILY = Pattern.compile(
            "family\\(\"(jts_[a-z0-9_]+)\", \"([a-z]+)\", \"((?:[^\"\\\\]|\\\\.)*)\"\\)");
    private static final Pattern PRINTF_HELP = Pattern.compile("# HELP (jts_[a-z0-9_]+) ([^\\\\']*)\\\\n");
    private static final Pattern PRINTF_TYPE = Pattern.compile("# TYPE (jts_[a-z0-9_]+) ([a-z]+)\\\\n");
    /** jts-fstrim's families: {@code gauge NAME 'HELP' SAMPLES} (a shell function; the line may be continued). */
    private static final Pattern SHELL_GAUGE = Pattern.compile("\\bgauge (jts_[a-z0-9_]+)(?:\\s|\\\\)+'([^']*)'");
    private static final Pattern SPLIT_LIST = Pattern.compile("split\\(\"([^\"]*)\", (\\w+), \" \"\\)");
    private static final Pattern FHELP = Pattern.compile("fhelp\\[(\\d+)] = \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\\\\?\"");
    private static final Pattern SERIES = Pattern.compile("\\b((?:jts|node)_[a-z0-9_]+)");

    private MetricsReference() {
    }

    /** Families of the metrics script and the trim script, in the order the scripts write them. */
    public static List<Family> families() {
        List<Family> all = new ArrayList<>(scriptFamilies(MetricsConfig.script(), "jts-metrics (monitor install)"));
        all.addAll(scriptFamilies(TrimScript.text(), "jts-fstrim (trim install)"));
        return List.copyOf(all);
    }

    static List<Family> scriptFamilies(String script, String writtenBy) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        Matcher awk = AWK_FAMILY.matcher(script);
        while (awk.find()) {
            declared.putIfAbsent(awk.group(1), new Declared(awk.group(2), unescape(awk.group(3))));
        }
        // the NVMe families: split("names", fam, " "), split("types", ftype, " "), fhelp[k] = "..."
        Map<String, String> lists = new LinkedHashMap<>();
        Matcher split = SPLIT_LIST.matcher(script);
        while (split.find()) {
            lists.put(split.group(2), split.group(1));
        }
        if (lists.containsKey("fam") && lists.containsKey("ftype")) {
            String[] names = lists.get("fam").split(" ");
            String[] types = lists.get("ftype").split(" ");
            Map<Integer, String> helps = new LinkedHashMap<>();
            Matcher fhelp = FHELP.matcher(script);
            while (fhelp.find()) {
                helps.put(Integer.parseInt(fhelp.group(1)), unescape(fhelp.group(2)));
            }
            for (int i = 0; i < names.length && i < types.length; i++) {
                declared.putIfAbsent(names[i], new Declared(types[i], helps.getOrDefault(i + 1, "")));
            }
        }
        Map<String, String> printfHelp = new LinkedHashMap<>();
        Matcher help = PRINTF_HELP.matcher(script);
        while (help.find()) {
            printfHelp.put(help.group(1), help.group(2).trim());
        }
        Matcher type = PRINTF_TYPE.matcher(script);
        while (type.find()) {
            declared.putIfAbsent(type.group(1), new Declared(type.group(2), printfHelp.getOrDefault(type.group(1), "")));
        }
        Matcher gauge = SHELL_GAUGE.matcher(script);
        while (gauge.find()) {
            declared.putIfAbsent(gauge.group(1), new Declared("gauge", gauge.group(2)));
        }
        List<Family> families = new ArrayList<>();
        for (Map.Entry<String, Declared> f : declared.entrySet()) {
            families.add(new Family(f.getKey(), f.getValue().type(), f.getValue().help(), labels(script, f.getKey()),
                    writtenBy));
        }
        return families;
    }

    /** Label names on the sample lines of a family ({@code name{a=...,b=...}} or its histogram series). */
    private static List<String> labels(String script, String family) {
        Set<String> labels = new LinkedHashSet<>();
        String[] lines = script.split("\n");
        String lastLabelVariable = "";
        for (String line : lines) {
            if (line.contains("lbl = ")) {
                lastLabelVariable = line;
            }
            for (String series : List.of(family + "{", family + "_bucket{")) {
                int at = line.indexOf(series);
                if (at < 0) {
                    continue;
                }
                String rest = line.substring(at + series.length());
                int end = rest.indexOf('}');
                String inside = end < 0 ? rest : rest.substring(0, end);
                if (inside.startsWith("%s")) {
                    // awk builds shared labels in a variable first: `lbl = "mountpoint=\"" ... `
                    addLabels(lastLabelVariable, labels);
                }
                addLabels(inside, labels);
            }
        }
        return List.copyOf(labels);
    }

    private static void addLabels(String text, Set<String> into) {
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static String unescape(String awkString) {
        return awkString.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Every {@code jts_*} and {@code node_*} series an alert expression reads. */
    public static Set<String> seriesUsedBy(List<AlertRules.Group> groups) {
        Set<String> series = new TreeSet<>();
        for (AlertRules.Group g : groups) {
            for (AlertRules.Rule r : g.rules()) {
                Matcher m = SERIES.matcher(r.expr());
                while (m.find()) {
                    series.add(m.group(1));
                }
            }
        }
        return series;
    }

    /** The family a series belongs to: histogram series carry _bucket/_sum/_count suffixes. */
    public static String familyOf(String series, Set<String> familyNames) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (series.endsWith(suffix) && familyNames.contains(series.substring(0, series.length() - suffix.length()))) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }

    public static String markdown(Policy defaultPolicy) {
        List<AlertRules.Group> groups = AlertRules.groups(defaultPolicy.tiers());
        List<Family> families = families();
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated by MetricsReferenceTest from jts-metrics.sh, jts-fstrim.sh and AlertRules. "
                + "Do not edit: run mvn -o -pl controller -am test -Dtest=MetricsReferenceTest "
                + "-Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false -->\n");
        md.append("# Metrics and alert rules reference\n\n");
        md.append("jts-fleet does not run a metrics server. The scripts it pushes write node_exporter *textfile* "
                + "metrics (`jts_storage.prom` from `jts-metrics`, every minute; `jts_trim.prom` from `jts-fstrim`, "
                + "after each TRIM run) into the textfile directory (default `" + MetricsConfig.DEFAULT_TEXTFILE_DIR
                + "`), node_exporter exposes them next to its own `node_disk_*` series, and Prometheus evaluates the "
                + "rules printed by `jts-fleet render alerts`. Tuning guide: [PERFORMANCE_OPTIMIZATION.md]"
                + "(PERFORMANCE_OPTIMIZATION.md); runbook: [TROUBLESHOOTING.md](TROUBLESHOOTING.md); policy keys "
                + "(thresholds, canary, health polling): [INVENTORY.md](INVENTORY.md).\n\n");
        md.append("## Host-side metric families\n\n");
        md.append("| family | type | labels | written by | meaning |\n|---|---|---|---|---|\n");
        for (Family f : families) {
            md.append("| `").append(f.name()).append("` | ").append(f.type()).append(" | ")
                    .append(f.labels().isEmpty() ? "—" : "`" + String.join("`, `", f.labels()) + "`").append(" | ")
                    .append(f.writtenBy()).append(" | ").append(cell(f.help())).append(" |\n");
        }
        Set<String> familyNames = new TreeSet<>();
        families.forEach(f -> familyNames.add(f.name()));
        Set<String> external = new TreeSet<>();
        for (String s : seriesUsedBy(groups)) {
            if (!familyNames.contains(familyOf(s, familyNames))) {
                external.add(s);
            }
        }
        md.append("\n## Series the rules read from node_exporter itself\n\n");
        md.append("Latency comes from node_exporter's own disk and filesystem collectors (the `diskstats` and "
                + "`filesystem` collectors must be enabled, as they are by default), joined with "
                + "`jts_device_info` / `jts_mount_info` for the tier label. NFS mounts have no diskstats: their "
                + "per-operation times, retransmissions and timeouts come from the `mountstats` collector, which is "
                + "off by default (start node_exporter with `--collector.mountstats`), joined with `jts_mount_info` "
                + "on the export (the mount source):\n\n");
        for (String s : external) {
            md.append("- `").append(s).append("`\n");
        }
        md.append("\n## Alert rules for the embedded default policy\n\n");
        md.append("Thresholds come from each tier's `thresholds:` (see INVENTORY.md); render the rules for your own "
                + "policy with `jts-fleet render alerts`. No rule looks at `%util` or queue depth: on flash both "
                + "saturate long before latency suffers. Stacked devices (`dm`, `md`) are left out of the latency "
                + "rules so one slow leaf is not alerted once per layer.\n\n");
        md.append("### Thresholds per tier (milliseconds unless stated)\n\n");
        md.append("| tier | read await warn/crit | write await warn/crit | flush await warn/crit | canary p99 "
                + "warn/crit | TRIM overdue (days) | filesystem full warn/crit (%) |\n|---|---|---|---|---|---|---|\n");
        for (Tier tier : defaultPolicy.tiers()) {
            Thresholds t = tier.thresholds();
            md.append("| ").append(tier.name()).append(" | ").append(pair(t.readAwaitWarnMs(), t.readAwaitCritMs()))
                    .append(" | ").append(pair(t.writeAwaitWarnMs(), t.writeAwaitCritMs()))
                    .append(" | ").append(pair(t.flushAwaitWarnMs(), t.flushAwaitCritMs()))
                    .append(" | ").append(tier.canary() ? pair(t.canaryP99WarnMs(), t.canaryP99CritMs()) : "canary off")
                    .append(" | ").append(tier.trim() ? Integer.toString(t.trimOverdueDays()) : "no TRIM")
                    .append(" | ").append(pair(t.filesystemFullWarnPct(), t.filesystemFullCritPct())).append(" |\n");
        }
        for (AlertRules.Group g : groups) {
            md.append("\n### Group `").append(g.name()).append("`\n\n");
            md.append("| alert | severity | tier | for | expression | summary |\n|---|---|---|---|---|---|\n");
            for (AlertRules.Rule r : g.rules()) {
                md.append("| `").append(r.alert()).append("` | ").append(r.severity()).append(" | ")
                        .append(r.tier() == null ? "all" : r.tier()).append(" | ").append(r.forDuration())
                        .append(" | `").append(cell(r.expr().replaceAll("\\s*\n\\s*", " "))).append("` | ")
                        .append(cell(r.summary())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String pair(double warn, double crit) {
        return number(warn) + " / " + number(crit);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : BigDecimal.valueOf(v).stripTrailingZeros()
                .toPlainString();
    }

    /** Markdown table cells cannot hold a bare pipe. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
