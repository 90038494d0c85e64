package jts.fleet.remote.monitor;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;

/**
 * A Grafana dashboard (JSON model, schemaVersion 39) for the fleet's storage: one row per tier with latency
 * panels carrying that tier's SLO lines, IOPS, throughput and canary p99; then fleet-wide drift, TRIM history and
 * NVMe health. Queries use the same series and joins as {@link AlertRules}. Rendered with a fixed key order and
 * fixed panel ids so the output is a stable golden file.
 */
public final class Dashboard {
    private static final ObjectMapper JSON = jts.fleet.remote.json.JsonMappers.mapper();
    private static final String DS = "${datasource}";

    private Dashboard() {
    }

    public static String render(List<Tier> tiers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", "jts-fleet storage");
        root.put("uid", "jts-fleet-storage");
        root.putArray("tags").add("jts-fleet").add("storage");
        root.put("timezone", "utc");
        root.put("schemaVersion", 39);
        root.put("version", 1);
        root.put("editable", true);
        root.put("refresh", "1m");
        ObjectNode time = root.putObject("time");
        time.put("from", "now-6h");
        time.put("to", "now");
        ArrayNode vars = root.putObject("templating").putArray("list");
        ObjectNode ds = vars.addObject();
        ds.put("name", "datasource");
        ds.put("type", "datasource");
        ds.put("query", "prometheus");
        ds.put("label", "Prometheus");
        ObjectNode instance = vars.addObject();
        instance.put("name", "instance");
        instance.put("type", "query");
        instance.put("label", "Host");
        instance.putObject("datasource").put("type", "prometheus").put("uid", DS);
        instance.put("query", "label_values(jts_device_info, instance)");
        instance.put("includeAll", true);
        instance.put("multi", true);
        instance.put("allValue", ".*");
        instance.put("refresh", 2);

        ArrayNode panels = root.putArray("panels");
        Layout layout = new Layout();
        for (Tier tier : tiers) {
            String info = "jts_device_info{instance=~\"$instance\",tier=\"" + tier.name() + "\",class!~\"dm|md\"}";
            String join = " * on(instance, device) group_left(tier) " + info;
            Thresholds t = tier.thresholds();
            row(panels, layout, "Tier " + tier.name());
            if (AlertRules.selectsBlock(tier)) {
                timeseries(panels, layout, tier.name() + ": read await", "ms", t.readAwaitWarnMs(), t.readAwaitCritMs(),
                        "1000 * rate(node_disk_read_time_seconds_total[5m]) / rate(node_disk_reads_completed_total[5m])"
                                + join, "{{instance}} {{device}}");
                timeseries(panels, layout, tier.name() + ": write await", "ms", t.writeAwaitWarnMs(),
                        t.writeAwaitCritMs(), "1000 * rate(node_disk_write_time_seconds_total[5m]) / "
                                + "rate(node_disk_writes_completed_total[5m])" + join, "{{instance}} {{device}}");
                timeseries(panels, layout, tier.name() + ": flush (fsync) await", "ms", t.flushAwaitWarnMs(),
                        t.flushAwaitCritMs(), "1000 * rate(node_disk_flush_requests_time_seconds_total[5m]) / "
                                + "rate(node_disk_flush_requests_total[5m])" + join, "{{instance}} {{device}}");
                timeseries(panels, layout, tier.name() + ": IOPS", "iops", null, null,
                        "(rate(node_disk_reads_completed_total[5m]) + rate(node_disk_writes_completed_total[5m]))" + join,
                        "{{instance}} {{device}}");
                timeseries(panels, layout, tier.name() + ": throughput", "Bps", null, null,
                        "(rate(node_disk_read_bytes_total[5m]) + rate(node_disk_written_bytes_total[5m]))" + join,
                        "{{instance}} {{device}}");
            }
            if (AlertRules.selectsNetwork(tier)) {
                // NFS has no diskstats: node_exporter's mountstats collector, joined on the export (mount source)
                String nfsJoin = " * on(instance, export) group_left(tier) max by (instance, export, tier) ("
                        + "label_replace(jts_mount_info{instance=~\"$instance\",tier=\"" + tier.name()
                        + "\",fstype=~\"nfs4?\"}, \"export\", \"$1\", \"device\", \"(.*)\"))";
                String[][] ops = {{"read", "READ", String.valueOf(t.readAwaitWarnMs()), String.valueOf(t.readAwaitCritMs())},
                    {"write", "WRITE", String.valueOf(t.writeAwaitWarnMs()), String.valueOf(t.writeAwaitCritMs())},
                    {"flush (COMMIT)", "COMMIT", String.valueOf(t.flushAwaitWarnMs()), String.valueOf(t.flushAwaitCritMs())}};
                for (String[] op : ops) {
                    timeseries(panels, layout, tier.name() + ": NFS " + op[0] + " time", "ms",
                            Double.parseDouble(op[2]), Double.parseDouble(op[3]),
                            "1000 * rate(node_mountstats_nfs_operations_request_time_seconds_total{operation=\"" + op[1]
                                    + "\"}[5m]) / rate(node_mountstats_nfs_operations_requests_total{operation=\"" + op[1]
                                    + "\"}[5m])" + nfsJoin, "{{instance}} {{export}}");
                }
                timeseries(panels, layout, tier.name() + ": NFS round trip (RTT)", "ms", null, null,
                        "1000 * sum by (instance, export) (rate(node_mountstats_nfs_operations_response_time_seconds_total[5m]))"
                                + " / sum by (instance, export) (rate(node_mountstats_nfs_operations_requests_total[5m]))"
                                + nfsJoin, "{{instance}} {{export}}");
                timeseries(panels, layout, tier.name() + ": NFS retransmissions", "short", null, null,
                        "sum by (instance, export) (rate(node_mountstats_nfs_operations_transmissions_total[5m])"
                                + " - rate(node_mountstats_nfs_operations_requests_total[5m]))" + nfsJoin,
                        "{{instance}} {{export}}");
                timeseries(panels, layout, tier.name() + ": NFS throughput", "Bps", null, null,
                        "(rate(node_mountstats_nfs_total_read_bytes_total[5m]) + "
                                + "rate(node_mountstats_nfs_total_write_bytes_total[5m]))" + nfsJoin,
                        "{{instance}} {{export}}");
            }
            if (tier.canary()) {
                timeseries(panels, layout, tier.name() + ": canary read p99", "ms", t.canaryP99WarnMs(),
                        t.canaryP99CritMs(), "1000 * histogram_quantile(0.99, sum by (instance, mountpoint, le) "
                                + "(rate(jts_canary_read_seconds_bucket{instance=~\"$instance\",tier=\"" + tier.name()
                                + "\"}[15m])))", "{{instance}} {{mountpoint}}");
            }
        }
        row(panels, layout, "Tuning drift");
        table(panels, layout, "Drifted queue attributes", "jts_tuning_drift{instance=~\"$instance\"} == 1");
        timeseries(panels, layout, "Drifted attributes per host", "short", null, 1.0,
                "sum by (instance) (jts_tuning_drifted_attributes{instance=~\"$instance\"})", "{{instance}}");
        row(panels, layout, "TRIM");
        timeseries(panels, layout, "Days since last successful TRIM", "d", null, null,
                "(time() - jts_trim_last_success_timestamp_seconds{instance=~\"$instance\"}) / 86400",
                "{{instance}} {{mount}}");
        timeseries(panels, layout, "Bytes trimmed by the last run", "bytes", null, null,
                "jts_trim_bytes{instance=~\"$instance\"}", "{{instance}} {{mount}}");
        table(panels, layout, "Failed TRIM runs", "jts_trim_result{instance=~\"$instance\",result=\"failed\"} == 1");
        row(panels, layout, "NVMe health");
        timeseries(panels, layout, "Endurance used", "percent", 80.0, 90.0,
                "jts_nvme_percentage_used{instance=~\"$instance\"}", "{{instance}} {{device}}");
        timeseries(panels, layout, "Available spare", "percentunit", null, null,
                "jts_nvme_available_spare_ratio{instance=~\"$instance\"}", "{{instance}} {{device}}");
        timeseries(panels, layout, "Temperature", "celsius", null, null,
                "jts_nvme_temperature_celsius{instance=~\"$instance\"}", "{{instance}} {{device}}");
        timeseries(panels, layout, "Media errors (1h increase)", "short", null, 1.0,
                "increase(jts_nvme_media_errors_total{instance=~\"$instance\"}[1h])", "{{instance}} {{device}}");
        table(panels, layout, "Critical warning bits set", "jts_nvme_critical_warning{instance=~\"$instance\"} == 1");
        return jts.fleet.remote.json.JsonMappers.pretty(root) + "\n";
    }

    /** Panel ids and grid positions: rows full width, panels 8 wide, three per line. */
    private static final class Layout {
        int id = 1;
        int y = 0;
        int x = 0;

        ObjectNode grid(ObjectNode panel, int w, int h) {
            if (x + w > 24) {
                x = 0;
                y += 8;
            }
            ObjectNode g = panel.putObject("gridPos");
            g.put("h", h).put("w", w).put("x", x).put("y", y);
            x += w;
            return g;
        }

        void newRow() {
            if (x > 0) {
                y += 8;
            }
            x = 0;
        }
    }

    private static void row(ArrayNode panels, Layout layout, String title) {
        layout.newRow();
        ObjectNode p = panels.addObject();
        p.put("id", layout.id++);
        p.put("type", "row");
        p.put("title", title);
        p.put("collapsed", false);
        layout.grid(p, 24, 1);
        layout.x = 0;
        layout.y += 1;
        p.putArray("panels");
    }

    private static void timeseries(ArrayNode panels, Layout layout, String title, String unit, Double warn,
                                   Double crit, String expr, String legend) {
        ObjectNode p = panel(panels, layout, "timeseries", title, expr, legend);
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        ObjectNode thresholds = defaults.putObject("thresholds");
        thresholds.put("mode", "absolute");
        ArrayNode steps = thresholds.putArray("steps");
        steps.addObject().put("color", "green").putNull("value");
        if (warn != null) {
            steps.addObject().put("color", "orange").put("value", warn);
        }
        if (crit != null) {
            steps.addObject().put("color", "red").put("value", crit);
        }
        if (warn != null || crit != null) {
            defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
        }
    }

    private static void table(ArrayNode panels, Layout layout, String title, String expr) {
        ObjectNode p = panel(panels, layout, "table", title, expr, "");
        ((ObjectNode) p.get("targets").get(0)).put("format", "table").put("instant", true);
    }

    private static ObjectNode panel(ArrayNode panels, Layout layout, String type, String title, String expr,
                                    String legend) {
        ObjectNode p = panels.addObject();
        p.put("id", layout.id++);
        p.put("type", type);
        p.put("title", title);
        p.putObject("datasource").put("type", "prometheus").put("uid", DS);
        layout.grid(p, 8, 8);
        ObjectNode target = p.putArray("targets").addObject();
        target.put("refId", "A");
        target.putObject("datasource").put("type", "prometheus").put("uid", DS);
        target.put("expr", expr);
        if (!legend.isEmpty()) {
            target.put("legendFormat", legend);
        }
        return p;
    }
}
