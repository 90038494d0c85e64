package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code bench compare BASE NEW}: per host, profile and metric the change and a verdict. Runs are only
 * comparable like with like: the same fio version (fio#1553), the same profiles, the same O_DIRECT state;
 * otherwise the comparison is refused with the reasons, unless forced (then the reasons become warnings and
 * only the common profiles are compared).
 */
public record RunComparison(String baseRun, String newRun, List<Delta> deltas, List<String> warnings,
                            boolean regression) {
    /** Metrics judged by default; sync latency only where both runs have it. */
    public static final List<Metric> METRICS = List.of(Metric.IOPS, Metric.BW_BYTES_PER_S, Metric.CLAT_P50_US,
            Metric.CLAT_P99_US, Metric.CLAT_P999_US, Metric.SYNC_LAT_P99_US);

    public record Delta(String host, String profile, String metric, double base, @JsonProperty("new") double current,
                        double deltaPct, String verdict) {
    }

    /** The runs may not be compared; {@link #reasons()} says why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> reasons;

        public Refused(List<String> reasons) {
            super("refusing to compare: " + String.join("; ", reasons) + " (use --force to compare anyway)");
            this.reasons = List.copyOf(reasons);
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    public RunComparison {
        deltas = List.copyOf(deltas);
        warnings = List.copyOf(warnings);
    }

    public static RunComparison compare(String baseRun, List<BenchDocument> base, String newRun,
                                        List<BenchDocument> current, CompareThresholds thresholds, boolean force)
            throws Refused {
        Map<String, BenchDocument> baseByHost = byHost(base);
        Map<String, BenchDocument> newByHost = byHost(current);
        List<String> reasons = new ArrayList<>();
        List<Delta> deltas = new ArrayList<>();
        TreeSet<String> hosts = new TreeSet<>(baseByHost.keySet());
        hosts.addAll(newByHost.keySet());
        List<String[]> pairs = new ArrayList<>();
        for (String host : hosts) {
            BenchDocument b = baseByHost.get(host);
            BenchDocument n = newByHost.get(host);
            if (b == null || n == null) {
                reasons.add(host + ": only in " + (b == null ? newRun : baseRun));
                continue;
            }
            if (!Objects.equals(b.fioVersion(), n.fioVersion())) {
                reasons.add(host + ": fio versions differ (" + b.fioVersion() + " in " + baseRun + ", " + n.fioVersion()
                        + " in " + newRun + "): results of different fio versions are not comparable");
            }
            if (b.direct() != n.direct()) {
                reasons.add(host + ": O_DIRECT was " + (b.direct() ? "used" : "refused") + " in " + baseRun + " but "
                        + (n.direct() ? "used" : "refused") + " in " + newRun + ": page-cache numbers are not disk numbers");
            }
            TreeSet<String> bp = profiles(b);
            TreeSet<String> np = profiles(n);
            if (!bp.equals(np)) {
                reasons.add(host + ": profiles differ (" + String.join(",", bp) + " in " + baseRun + ", "
                        + String.join(",", np) + " in " + newRun + ")");
            }
            if (b.runtimeSeconds() != n.runtimeSeconds() || b.sizeBytes() != n.sizeBytes()) {
                reasons.add(host + ": runtime/size differ (" + b.runtimeSeconds() + " s/" + b.sizeBytes() + " B vs "
                        + n.runtimeSeconds() + " s/" + n.sizeBytes() + " B)");
            }
            pairs.add(new String[] {host});
        }
        if (!reasons.isEmpty() && !force) {
            throw new Refused(reasons);
        }
        boolean regression = false;
        for (String[] pair : pairs) {
            String host = pair[0];
            BenchDocument b = baseByHost.get(host);
            BenchDocument n = newByHost.get(host);
            for (BenchDocument.ProfileResult pr : b.profiles()) {
                ProfileSummary bs = pr.summary();
                var ns = n.summary(bs.profile());
                if (ns.isEmpty() || bs.error() != null || ns.get().error() != null) {
                    continue;
                }
                for (Metric m : METRICS) {
                    double before = bs.metric(m);
                    double after = ns.get().metric(m);
                    if (Double.isNaN(before) || Double.isNaN(after)) {
                        continue;
                    }
                    Verdict v = judge(m, before, after, thresholds.pctFor(m));
                    regression |= v == Verdict.REGRESSED;
                    deltas.add(new Delta(host, bs.profile(), m.key(), before, after, pct(before, after), v.key()));
                }
            }
        }
        List<String> warnings = new ArrayList<>(reasons);
        for (String[] pair : pairs) {
            warnings.addAll(noise(pair[0], baseRun, baseByHost.get(pair[0]), newRun, newByHost.get(pair[0]), thresholds));
        }
        return new RunComparison(baseRun, newRun, deltas, warnings, regression);
    }

    /** Shorter runs than this are mostly warm-up (caches, SLC, the first seconds of a queue): fio's own advice. */
    public static final int MIN_RUNTIME_S = 10;

    /**
     * Why a host's differences may be noise: a run shorter than {@link #MIN_RUNTIME_S}, or IOPS that varied
     * within a run (fio's per-second samples: stddev / mean) by more than the throughput threshold.
     */
    static List<String> noise(String host, String baseRun, BenchDocument b, String newRun, BenchDocument n,
            CompareThresholds thresholds) {
        List<String> out = new ArrayList<>();
        int shortest = Math.min(b.runtimeSeconds(), n.runtimeSeconds());
        if (shortest < MIN_RUNTIME_S) {
            out.add(host + ": noise: runs of " + b.runtimeSeconds() + " s (" + baseRun + ") and " + n.runtimeSeconds()
                    + " s (" + newRun + ") are shorter than " + MIN_RUNTIME_S + " s: large swings may be warm-up, not "
                    + "the change (run again with --runtime 30s)");
        }
        for (BenchDocument doc : List.of(b, n)) {
            for (BenchDocument.ProfileResult pr : doc.profiles()) {
                double spread = iopsSpreadPct(pr.fio());
                if (spread > thresholds.throughputPct()) {
                    out.add(String.format(java.util.Locale.ROOT, "%s %s: noise: IOPS varied by %.0f%% within run %s "
                            + "(threshold %s%%): differences below that are not significant", host,
                            pr.summary().profile(), spread, doc.runId(), trim(thresholds.throughputPct())));
                }
            }
        }
        return out;
    }

    /** Largest stddev/mean of IOPS over fio's per-second samples across the run's jobs and directions, in %. */
    static double iopsSpreadPct(com.fasterxml.jackson.databind.JsonNode fio) {
        double worst = 0;
        if (fio == null) {
            return worst;
        }
        for (com.fasterxml.jackson.databind.JsonNode job : fio.path("jobs")) {
            for (String direction : List.of("read", "write")) {
                double mean = job.path(direction).path("iops_mean").asDouble(0);
                double stddev = job.path(direction).path("iops_stddev").asDouble(0);
                if (mean > 0) {
                    worst = Math.max(worst, stddev / mean * 100);
                }
            }
        }
        return worst;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static Verdict judge(Metric metric, double before, double after, double thresholdPct) {
        double change = pct(before, after);
        if (Double.isNaN(change) || Math.abs(change) < thresholdPct) {
            return Verdict.WITHIN_NOISE;
        }
        boolean better = metric.higherIsBetter() ? change > 0 : change < 0;
        return better ? Verdict.IMPROVED : Verdict.REGRESSED;
    }

    static double pct(double before, double after) {
        if (before == 0) {
            return after == 0 ? 0 : Double.NaN;
        }
        return Math.round((after - before) / before * 10000.0) / 100.0;
    }

    private static TreeSet<String> profiles(BenchDocument d) {
        TreeSet<String> names = new TreeSet<>();
        d.profiles().forEach(p -> names.add(p.summary().profile()));
        return names;
    }

    private static Map<String, BenchDocument> byHost(List<BenchDocument> docs) {
        Map<String, BenchDocument> map = new LinkedHashMap<>();
        docs.forEach(d -> map.put(d.host(), d));
        return map;
    }
}
