package jts.fleet.controller.bench;

import java.util.List;
import java.util.Locale;

import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.ExperimentAnalysis;
import jts.fleet.remote.bench.FleetComparison;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.RunComparison;

/** Human (terminal) views of bench results; {@code -o json} prints the records themselves. */
public final class BenchText {
    private BenchText() {
    }

    /** One line per run; columns as wide as their widest value, so long times and labels never overflow. */
    public static String runs(List<BenchStore.RunInfo> runs) {
        int id = "RUN".length();
        int time = "TIME".length();
        int label = "LABEL".length();
        for (BenchStore.RunInfo r : runs) {
            id = Math.max(id, r.runId().length());
            time = Math.max(time, r.time().length());
            label = Math.max(label, r.label().length());
        }
        String row = "%-" + id + "s  %-" + time + "s  %-" + label + "s  %5s  %s%n";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, row, "RUN", "TIME", "LABEL", "HOSTS", "PROFILES"));
        for (BenchStore.RunInfo r : runs) {
            s.append(String.format(Locale.ROOT, row, r.runId(), r.time(), r.label(), r.hosts().size(),
                    String.join(",", r.profiles())));
        }
        return s.toString();
    }

    public static String documents(List<BenchDocument> docs) {
        StringBuilder s = new StringBuilder();
        for (BenchDocument d : docs) {
            s.append(d.host()).append("  ").append(d.target() == null ? "" : d.target().path()).append("  ").append(d.fioVersion())
                    .append("  ").append(d.engine()).append("  kernel ").append(d.kernel())
                    .append(d.direct() ? "" : "  PAGE CACHE (" + d.directNote() + "): not disk numbers").append('\n');
            s.append(String.format(Locale.ROOT, "  %-20s %12s %12s %10s %10s %10s %10s %10s%n", "PROFILE", "IOPS", "MB/s", "p50 µs",
                    "p99 µs", "p99.9 µs", "sync p99", "CPU µs/IO"));
            for (BenchDocument.ProfileResult p : d.profiles()) {
                ProfileSummary x = p.summary();
                s.append(String.format(Locale.ROOT, "  %-20s %12.0f %12.1f %10s %10s %10s %10s %10.2f%s%n", x.profile(), x.iops(),
                        x.bwBytesPerSec() / 1e6, num(x.clatP50Us()), num(x.clatP99Us()), num(x.clatP999Us()), num(x.syncLatP99Us()),
                        x.cpuUsPerIo(), x.error() == null ? "" : "  ERROR " + x.error()));
            }
        }
        return s.toString();
    }

    public static String comparison(RunComparison c) {
        StringBuilder s = new StringBuilder();
        c.warnings().forEach(w -> s.append("warning: ").append(w).append('\n'));
        s.append(String.format(Locale.ROOT, "%-12s %-20s %-16s %14s %14s %9s  %s%n", "HOST", "PROFILE", "METRIC", c.baseRun().length() > 14
                ? "BASE" : c.baseRun(), "NEW", "CHANGE", "VERDICT"));
        for (RunComparison.Delta d : c.deltas()) {
            s.append(String.format(Locale.ROOT, "%-12s %-20s %-16s %14.1f %14.1f %+8.2f%%  %s%n", d.host(), d.profile(), d.metric(),
                    d.base(), d.current(), d.deltaPct(), d.verdict()));
        }
        s.append(c.regression() ? "regression beyond the thresholds\n" : "no regression beyond the thresholds\n");
        return s.toString();
    }

    public static String fleet(FleetComparison f) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-12s %-8s %-20s %5s %12s %12s %10s %10s  %s%n", "HOST", "TIER",
                "PROFILE", "PEERS", "IOPS", "MEDIAN", "p99 µs", "MEDIAN", "OUTLIER"));
        for (FleetComparison.Entry e : f.entries()) {
            s.append(String.format(Locale.ROOT, "%-12s %-8s %-20s %5d %12.0f %12.0f %10.1f %10.1f  %s%n", e.host(), e.tier(), e.profile(),
                    e.peers(), e.iops(), e.fleetMedianIops(), e.clatP99Us(), e.fleetMedianClatP99Us(),
                    e.outlier() ? String.join("; ", e.reasons()) : "-"));
        }
        return s.toString();
    }

    public static String experiment(ExperimentReport r) {
        StringBuilder s = new StringBuilder();
        s.append(r.host()).append(": ").append(r.profile()).append(" on ").append(r.target()).append(" devices ")
                .append(String.join(",", r.devices())).append(", ").append(r.analysis().rounds()).append(" rounds per arm\n");
        s.append(String.format(Locale.ROOT, "  %-14s %14s %14s %10s %24s %8s  %s%n", "METRIC", r.analysis().armA(), r.analysis().armB(),
                "B-A %", "95% CI of B-A", "MW p", "VERDICT (B vs A)"));
        for (ExperimentAnalysis.MetricResult m : r.analysis().metrics()) {
            s.append(String.format(Locale.ROOT, "  %-14s %14.2f %14.2f %+9.2f%% [%10.2f, %10.2f] %8.3f  %s%n", m.metric(), m.medianA(),
                    m.medianB(), m.differencePct(), m.ci95Low(), m.ci95High(), m.mannWhitneyP(), m.verdict()));
        }
        s.append(r.restored() ? "  original " + r.attribute() + " restored: " + r.original() + "\n"
                : "  WARNING: could not restore " + r.attribute() + " " + r.original() + "\n");
        return s.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
