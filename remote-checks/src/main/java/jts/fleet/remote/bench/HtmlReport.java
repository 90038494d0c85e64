package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bench report RUN... --out report.html}: one self-contained HTML file (inline CSS and SVG, no script,
 * no network) with, per profile, IOPS and bandwidth per host (one bar per run: before/after when two runs),
 * completion-latency percentile curves per host and run, and each host's p99 against its tier's fleet median.
 * With exactly two runs a before/after table of the deltas follows.
 */
public final class HtmlReport {
    /** The runs to show, in the order given (first = before). */
    public record Run(String runId, List<BenchDocument> documents) {
        public Run {
            documents = List.copyOf(documents);
        }
    }

    private static final double[] CURVE_PERCENTILES = {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

    private HtmlReport() {
    }

    public static String render(List<Run> runs, CompareThresholds thresholds) {
        Set<String> profiles = new LinkedHashSet<>();
        Set<String> hosts = new java.util.TreeSet<>();
        for (Run r : runs) {
            for (BenchDocument d : r.documents()) {
                hosts.add(d.host());
                d.profiles().forEach(p -> profiles.add(p.summary().profile()));
            }
        }
        Map<String, String> names = names(runs);
        List<String> series = runs.stream().map(r -> names.get(r.runId())).toList();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.append("<title>jts-fleet bench report ").append(Svg.esc(String.join(" vs ", series))).append("</title>\n");
        h.append("<style>body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#f3f3f3}"
                + "td.l,th.l{text-align:left}.t{font-weight:bold;font-size:13px}.host,.legend{font-size:12px}"
                + ".v{font-size:10px;fill:#444}.flag{fill:#c00;font-weight:bold}.warn{color:#a60}"
                + ".regressed,.worse{color:#c00}.improved,.better{color:#080}section{margin-bottom:2em}</style>\n");
        h.append("</head><body>\n<h1>jts-fleet bench report</h1>\n");
        runTable(h, runs);
        for (String profile : profiles) {
            h.append("<section class=\"profile\" id=\"profile-").append(Svg.esc(profile)).append("\">\n<h2>")
                    .append(Svg.esc(profile)).append("</h2>\n");
            List<Svg.Group> iops = new ArrayList<>();
            List<Svg.Group> bw = new ArrayList<>();
            List<Svg.Line> curves = new ArrayList<>();
            for (String host : hosts) {
                double[] vi = new double[runs.size()];
                double[] vb = new double[runs.size()];
                boolean any = false;
                for (int i = 0; i < runs.size(); i++) {
                    ProfileSummary s = summary(runs.get(i), host, profile);
                    vi[i] = s == null ? Double.NaN : s.iops();
                    vb[i] = s == null ? Double.NaN : s.bwBytesPerSec();
                    any |= s != null;
                    if (s != null) {
                        curves.add(curve(host + (runs.size() > 1 ? " @ " + names.get(runs.get(i).runId()) : ""),
                                fio(runs.get(i), host, profile)));
                    }
                }
                if (any) {
                    iops.add(new Svg.Group(host, vi, false));
                    bw.add(new Svg.Group(host, vb, false));
                }
            }
            h.append(Svg.bars("iops", profile, profile + ": IOPS per host", "IOPS", series, iops));
            h.append(Svg.bars("bandwidth", profile, profile + ": bandwidth per host", "bytes/s", series, bw));
            List<String> xLabels = new ArrayList<>();
            for (double p : CURVE_PERCENTILES) {
                xLabels.add(p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p));
            }
            h.append(Svg.curves("latency", profile, profile + ": completion latency percentiles", "µs", xLabels, curves));
            fleet(h, runs.get(runs.size() - 1), names.get(runs.get(runs.size() - 1).runId()), profile);
            h.append("</section>\n");
        }
        if (runs.size() == 2) {
            beforeAfter(h, runs.get(0), runs.get(1), thresholds);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void runTable(StringBuilder h, List<Run> runs) {
        h.append("<table class=\"runs\"><tr><th class=\"l\">run</th><th class=\"l\">host</th><th class=\"l\">tier</th>"
                + "<th class=\"l\">label</th><th class=\"l\">time</th><th class=\"l\">fio</th><th class=\"l\">engine</th>"
                + "<th class=\"l\">target</th><th class=\"l\">devices</th><th class=\"l\">O_DIRECT</th></tr>\n");
        for (Run r : runs) {
            for (BenchDocument d : r.documents()) {
                StringBuilder devices = new StringBuilder();
                if (d.target() != null) {
                    for (QueueSettings q : d.target().devices()) {
                        devices.append(q.name()).append(" (").append(q.activeScheduler()).append(", ra ")
                                .append(q.queue().getOrDefault("read_ahead_kb", "?")).append(" KiB) ");
                    }
                }
                h.append("<tr><td class=\"l\">").append(Svg.esc(r.runId())).append("</td><td class=\"l\">").append(Svg.esc(d.host()))
                        .append("</td><td class=\"l\">").append(Svg.esc(orDash(d.tier()))).append("</td><td class=\"l\">")
                        .append(Svg.esc(orDash(d.label()))).append("</td><td class=\"l\">").append(Svg.esc(d.time()))
                        .append("</td><td class=\"l\">").append(Svg.esc(d.fioVersion())).append("</td><td class=\"l\">")
                        .append(Svg.esc(d.engine())).append("</td><td class=\"l\">")
                        .append(Svg.esc(d.target() == null ? "" : d.target().path())).append("</td><td class=\"l\">")
                        .append(Svg.esc(devices.toString().trim())).append("</td><td class=\"l")
                        .append(d.direct() ? "\">yes" : " warn\">no (" + Svg.esc(String.valueOf(d.directNote()))
                                + "): page-cache numbers, not disk numbers").append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void fleet(StringBuilder h, Run run, String name, String profile) {
        FleetComparison fleet = FleetComparison.compare(run.runId(), run.documents(),
                FleetComparison.DEFAULT_P99_FACTOR, FleetComparison.DEFAULT_IOPS_FACTOR);
        List<Svg.Group> groups = new ArrayList<>();
        for (FleetComparison.Entry e : fleet.entries()) {
            if (e.profile().equals(profile)) {
                groups.add(new Svg.Group(e.host() + " [" + orDash(e.tier()) + "]", new double[] {e.clatP99Us(), e.fleetMedianClatP99Us()},
                        e.outlier()));
            }
        }
        h.append(Svg.bars("fleet", profile, profile + ": p99 host vs fleet median of its tier (" + name + ")", "µs",
                List.of("host p99", "fleet median p99"), groups));
        for (FleetComparison.Entry e : fleet.outliers()) {
            if (e.profile().equals(profile)) {
                h.append("<p class=\"outlier warn\">outlier: ").append(Svg.esc(e.host())).append(": ")
                        .append(Svg.esc(String.join("; ", e.reasons()))).append("</p>\n");
            }
        }
    }

    private static void beforeAfter(StringBuilder h, Run before, Run after, CompareThresholds thresholds) {
        RunComparison c;
        try {
            c = RunComparison.compare(before.runId(), before.documents(), after.runId(), after.documents(), thresholds, true);
        } catch (RunComparison.Refused e) {
            throw new IllegalStateException("forced comparison cannot refuse", e);
        }
        Map<String, String> names = names(List.of(before, after));
        h.append("<section class=\"before-after\"><h2>before/after: ").append(Svg.esc(names.get(before.runId())))
                .append(" → ").append(Svg.esc(names.get(after.runId()))).append("</h2>\n");
        for (String w : c.warnings()) {
            h.append("<p class=\"warn\">").append(Svg.esc(w)).append("</p>\n");
        }
        h.append("<table><tr><th class=\"l\">host</th><th class=\"l\">profile</th><th class=\"l\">metric</th><th>before</th>"
                + "<th>after</th><th>change %</th><th class=\"l\">verdict</th></tr>\n");
        for (RunComparison.Delta d : c.deltas()) {
            h.append("<tr><td class=\"l\">").append(Svg.esc(d.host())).append("</td><td class=\"l\">").append(Svg.esc(d.profile()))
                    .append("</td><td class=\"l\">").append(Svg.esc(d.metric())).append("</td><td>").append(Svg.human(d.base()))
                    .append("</td><td>").append(Svg.human(d.current())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.2f", d.deltaPct())).append("</td><td class=\"l ")
                    .append(d.verdict()).append("\">").append(d.verdict()).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    private static ProfileSummary summary(Run run, String host, String profile) {
        return run.documents().stream().filter(d -> d.host().equals(host)).findFirst()
                .flatMap(d -> d.summary(profile)).filter(s -> s.error() == null).orElse(null);
    }

    private static BenchDocument.ProfileResult fio(Run run, String host, String profile) {
        return run.documents().stream().filter(d -> d.host().equals(host)).findFirst()
                .flatMap(d -> d.profiles().stream().filter(p -> p.summary().profile().equals(profile)).findFirst()).orElse(null);
    }

    /** A stored field that may be absent (older documents, --target runs without a tier): "-", never "null". */
    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /**
     * What charts call each run: its label when all its documents carry the same one and no other run has it,
     * "label (run id)" when two runs share a label, else the run id.
     */
    static Map<String, String> names(List<Run> runs) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (Run r : runs) {
            Set<String> distinct = new java.util.TreeSet<>();
            r.documents().forEach(d -> distinct.add(orDash(d.label())));
            labels.put(r.runId(), distinct.size() == 1 && !distinct.contains("-") ? distinct.iterator().next() : "");
        }
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (Run r : runs) {
            String label = labels.get(r.runId());
            long same = labels.values().stream().filter(label::equals).count();
            names.put(r.runId(), label.isEmpty() ? r.runId() : same > 1 ? label + " (" + r.runId() + ")" : label);
        }
        return names;
    }

    private static Svg.Line curve(String label, BenchDocument.ProfileResult pr) {
        Map<Double, Double> merged = new TreeMap<>();
        if (pr != null && pr.fio() != null) {
            try {
                FioResult r = FioJsonParser.parse(pr.fio(), "", label);
                List<LatencyStats> blocks = new ArrayList<>();
                for (FioJobResult j : r.jobs()) {
                    for (FioDirection d : List.of(j.read(), j.write(), j.trim())) {
                        if (d.active()) {
                            blocks.add(d.clat());
                        }
                    }
                }
                merged.putAll(LatencyStats.merge(blocks).percentilesNs());
            } catch (FioParseException e) {
                // a stored document that no longer parses draws no curve; the run table still shows the host
                merged.clear();
            }
        }
        double[] xs = new double[CURVE_PERCENTILES.length];
        double[] ys = new double[CURVE_PERCENTILES.length];
        for (int i = 0; i < CURVE_PERCENTILES.length; i++) {
            xs[i] = i;
            Double ns = merged.get(CURVE_PERCENTILES[i]);
            ys[i] = ns == null ? 0 : ns / 1000.0;
        }
        return new Svg.Line(label, xs, ys);
    }
}
