package jts.fleet.controller.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.LatencyBreach;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.PromText;
import jts.fleet.remote.monitor.PromText.PromSample;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;
import jts.fleet.remote.trim.TrimLog;
import jts.fleet.remote.trim.TrimVerdict;

/**
 * One-shot evaluation for cron or an existing monitoring system: per host one exec reads two diskstats samples
 * {@code gap} apart and the metrics script's textfile; latency against the tier thresholds, NVMe health and
 * drift from the textfile (normalised once, on the host), TRIM age from the trim log of the gather snapshot.
 */
public final class CheckEngine {
    /** Older than this, the textfile is stale: the timer is not running. */
    static final Duration STALE_TEXTFILE = Duration.ofMinutes(10);

    private final Function<String, Transport> transports;
    private final Duration gap;
    private final String textfile;
    private final Clock clock;
    private final Duration commandTimeout;

    /** @param settings the command's: its clock (ages of records) and command deadline (past the gap's sleep) */
    public CheckEngine(Function<String, Transport> transports, Duration gap, RunSettings settings) {
        this(transports, gap, MetricsConfig.DEFAULT_TEXTFILE_DIR.resolve("jts_storage.prom").toString(), settings);
    }

    public CheckEngine(Function<String, Transport> transports, Duration gap, String textfilePath,
                       RunSettings settings) {
        HostReads.checkArgs(gap, textfilePath); // validate early
        this.transports = transports;
        this.gap = gap;
        this.textfile = textfilePath;
        this.clock = settings.clock();
        this.commandTimeout = settings.commandTimeout();
    }

    public CheckReport run(List<CheckTarget> targets) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(32, targets.size())));
        try {
            List<Future<HostCheck>> futures = new ArrayList<>();
            for (CheckTarget t : targets) {
                futures.add(pool.submit(() -> checkHost(t)));
            }
            List<Finding> all = new ArrayList<>();
            List<PerfValue> perf = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                try {
                    HostCheck checked = futures.get(i).get();
                    all.addAll(checked.findings());
                    perf.addAll(checked.perfdata());
                } catch (ExecutionException e) {
                    all.add(new Finding(targets.get(i).host(), Severity.UNKNOWN, "check failed: " + e.getCause()));
                }
            }
            return new CheckReport(all, targets.size(), perf);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One host's findings and performance values. */
    record HostCheck(List<Finding> findings, List<PerfValue> perfdata) {
        static HostCheck of(Finding finding) {
            return new HostCheck(List.of(finding), List.of());
        }
    }

    HostCheck checkHost(CheckTarget target) {
        String host = target.host();
        HostReads.CheckRead read;
        try {
            ExecResult r = transports.apply(host).exec(HostReads.checkScript(), HostReads.checkArgs(gap, textfile, target.sysroot()),
                    new byte[0], gap.plus(commandTimeout), false);
            if (!r.ok()) {
                return HostCheck.of(new Finding(host, Severity.UNKNOWN, "check read failed (exit " + r.exitCode()
                        + "): " + r.stderr().strip()));
            }
            read = HostReads.parseCheck(host, r.stdoutText());
        } catch (TransportException e) {
            return HostCheck.of(new Finding(host, Severity.UNKNOWN, e.failureClass().key() + ": " + e.getMessage()));
        } catch (DiskStatsException e) {
            return HostCheck.of(new Finding(host, Severity.UNKNOWN, e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        IoStat.Interval interval = IoStat.between(read.first(), read.second(), target.deviceInfo());
        findings.addAll(latency(target, interval));
        List<PromSample> metrics = List.of();
        if (read.textfile().isBlank()) {
            findings.add(new Finding(host, Severity.UNKNOWN, textfile + " missing: NVMe health and drift not "
                    + "checked (jts-fleet monitor install)"));
        } else {
            try {
                metrics = PromText.parse(host + ":" + textfile, read.textfile());
                findings.addAll(textfileFindings(host, metrics));
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(host, Severity.UNKNOWN, e.getMessage()));
            }
        }
        if (target.drift().isPresent()) {
            findings.addAll(target.drift().get());
        } else {
            findings.addAll(drift(host, metrics));
        }
        findings.addAll(trim(target));
        if (findings.isEmpty()) {
            findings.add(new Finding(host, Severity.OK, "latency within tier SLOs, NVMe healthy, no drift, TRIM "
                    + "current"));
        }
        return new HostCheck(findings, perfdata(target, interval));
    }

    /**
     * Per tier the worst read, write and (where the kernel counts flushes) flush await of its devices, with the
     * tier's limits. Stacked devices are left out as in {@link LatencyBreach}: their leaves carry the I/O.
     */
    static List<PerfValue> perfdata(CheckTarget target, IoStat.Interval interval) {
        Map<String, double[]> worst = new java.util.TreeMap<>();
        Map<String, Boolean> flushes = new java.util.HashMap<>();
        for (DeviceRates r : interval.devices()) {
            String tier = target.tierByDevice().get(r.device());
            if (tier == null || r.stacked() || target.policy().tier(tier).isEmpty()) {
                continue;
            }
            double[] w = worst.computeIfAbsent(tier, t -> new double[3]);
            w[0] = Math.max(w[0], r.readsPerSec() > 0 ? r.readAwaitMs() : 0);
            w[1] = Math.max(w[1], r.writesPerSec() > 0 ? r.writeAwaitMs() : 0);
            if (r.flushAwaitMs().isPresent()) {
                flushes.put(tier, true);
                w[2] = Math.max(w[2], r.flushesPerSec().orElse(0) > 0 ? r.flushAwaitMs().getAsDouble() : 0);
            }
        }
        List<PerfValue> out = new ArrayList<>();
        worst.forEach((tier, w) -> {
            Thresholds t = target.policy().tier(tier).orElseThrow().thresholds();
            out.add(new PerfValue(target.host(), tier, "read_await", w[0], t.readAwaitWarnMs(), t.readAwaitCritMs()));
            out.add(new PerfValue(target.host(), tier, "write_await", w[1], t.writeAwaitWarnMs(),
                    t.writeAwaitCritMs()));
            if (flushes.containsKey(tier)) {
                out.add(new PerfValue(target.host(), tier, "flush_await", w[2], t.flushAwaitWarnMs(),
                        t.flushAwaitCritMs()));
            }
        });
        return out;
    }

    private List<Finding> latency(CheckTarget target, IoStat.Interval interval) {
        List<Finding> out = new ArrayList<>();
        for (DeviceRates r : interval.devices()) {
            String tier = target.tierByDevice().get(r.device());
            Optional<Thresholds> t = tier == null ? Optional.empty()
                    : target.policy().tier(tier).map(Tier::thresholds);
            if (t.isEmpty()) {
                continue;
            }
            for (LatencyBreach b : LatencyBreach.evaluate(r, t.get())) {
                out.add(new Finding(target.host(), b.level() == LatencyBreach.Level.CRITICAL ? Severity.CRITICAL
                        : Severity.WARNING, String.format(Locale.ROOT, "%s (%s): %s over %.1f s", r.device(), tier,
                        b.describe(), interval.seconds())));
            }
        }
        return out;
    }

    private List<Finding> textfileFindings(String host, List<PromSample> metrics) {
        List<Finding> out = new ArrayList<>();
        Optional<PromSample> lastRun = PromText.find(metrics, "jts_metrics_last_run_timestamp_seconds", Map.of());
        if (lastRun.isPresent()) {
            Duration age = Duration.between(Instant.ofEpochSecond((long) lastRun.get().value()), clock.instant());
            if (age.compareTo(STALE_TEXTFILE) > 0) {
                out.add(new Finding(host, Severity.WARNING, textfile + " is " + age.toMinutes()
                        + " min old: jts-metrics.timer is not running"));
            }
        }
        for (PromSample s : metrics) {
            String dev = s.label("device");
            switch (s.name()) {
                case "jts_nvme_health_up" -> {
                    if (s.value() == 0) {
                        out.add(new Finding(host, Severity.UNKNOWN, dev + ": SMART/health poll failed ("
                                + s.label("tool") + ")"));
                    }
                }
                case "jts_nvme_percentage_used" -> {
                    if (s.value() >= 90) {
                        out.add(new Finding(host, Severity.CRITICAL, dev + ": " + fmt(s.value())
                                + "% of rated endurance used (>= 90)"));
                    } else if (s.value() >= 80) {
                        out.add(new Finding(host, Severity.WARNING, dev + ": " + fmt(s.value())
                                + "% of rated endurance used (>= 80)"));
                    }
                }
                case "jts_nvme_critical_warning" -> {
                    if (s.value() == 1) {
                        out.add(new Finding(host, Severity.CRITICAL, dev + ": critical warning bit "
                                + s.label("bit") + " set"));
                    }
                }
                case "jts_nvme_media_errors_total" -> {
                    if (s.value() > 0) {
                        out.add(new Finding(host, Severity.WARNING, dev + ": " + fmt(s.value())
                                + " media errors logged (alert rules catch increases)"));
                    }
                }
                case "jts_nvme_available_spare_ratio" -> {
                    Optional<PromSample> thr = PromText.find(metrics, "jts_nvme_available_spare_threshold_ratio",
                            Map.of("device", dev));
                    if (thr.isPresent() && s.value() <= thr.get().value()) {
                        out.add(new Finding(host, Severity.CRITICAL, dev + ": available spare " + fmt(s.value() * 100)
                                + "% at or below threshold " + fmt(thr.get().value() * 100) + "%"));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static List<Finding> drift(String host, List<PromSample> metrics) {
        List<Finding> out = new ArrayList<>();
        for (PromSample s : metrics) {
            if (s.name().equals("jts_tuning_drift") && s.value() == 1) {
                out.add(new Finding(host, Severity.WARNING, s.label("device") + " " + s.label("attribute") + " is \""
                        + s.label("actual") + "\", policy wants \"" + s.label("expected") + "\""));
            }
        }
        return out;
    }

    private List<Finding> trim(CheckTarget target) {
        List<Finding> out = new ArrayList<>();
        TrimLog log = TrimLog.parse(target.trimLog());
        for (TrimLog.Problem p : log.problems()) {
            out.add(new Finding(target.host(), Severity.UNKNOWN, "trim.jsonl " + p));
        }
        Instant now = clock.instant();
        TrimLog.Latest latest = log.latest();
        target.tierByMount().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Optional<Tier> tier = target.policy().tier(e.getValue());
            if (tier.isEmpty() || !tier.get().trim()) {
                return;
            }
            TrimVerdict verdict = TrimVerdict.judge(latest, e.getKey(), tier.get().thresholds().trimOverdueDays(), now);
            if (verdict.holds(TrimVerdict.Kind.NEVER_SUCCEEDED)) {
                out.add(new Finding(target.host(), TrimVerdict.Kind.NEVER_SUCCEEDED.severity(), e.getKey() + " ("
                        + e.getValue() + "): never trimmed successfully"));
            } else if (verdict.holds(TrimVerdict.Kind.OVERDUE)) {
                out.add(new Finding(target.host(), TrimVerdict.Kind.OVERDUE.severity(), String.format(Locale.ROOT,
                        "%s (%s): TRIM overdue, last success %.1f days ago (limit %d)", e.getKey(), e.getValue(),
                        verdict.sinceSuccess().orElseThrow().toMinutes() / 1440.0, verdict.limitDays())));
            }
            if (verdict.holds(TrimVerdict.Kind.FAILED)) {
                out.add(new Finding(target.host(), TrimVerdict.Kind.FAILED.severity(), e.getKey()
                        + ": last TRIM failed: " + verdict.lastRun().orElseThrow().reason()));
            }
        });
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
