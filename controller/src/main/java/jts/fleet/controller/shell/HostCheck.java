package jts.fleet.controller.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.trim.TrimLog;
import jts.fleet.remote.trim.TrimRecord;
import jts.fleet.remote.trim.TrimVerdict;
import jts.fleet.remote.tuning.DevicePlan;
import jts.fleet.remote.tuning.HostPlan;
import jts.fleet.remote.tuning.PlannedSetting;
import jts.fleet.remote.tuning.TuningPlanner;
import jts.fleet.remote.tuning.UdevRules;

/**
 * The named checks of {@code run-check}: each one question about a host, answered from one gather snapshot
 * (no extra round trip). A closed set, so that completion and {@code run-check --list} show exactly what exists.
 */
sealed interface HostCheck permits HostCheck.QueueCheck, HostCheck.DiscardCheck,
        HostCheck.TunedCheck, HostCheck.UdevRulesCheck, HostCheck.TrimLogCheck {

    /** Every check, in the order {@code run-check --list} shows them. */
    List<HostCheck> ALL = List.of(
            new QueueCheck("scheduler", "I/O scheduler of every tiered device against its tier",
                    QueueAttribute.SCHEDULER),
            new QueueCheck("read-ahead", "read_ahead_kb of every tiered device against its tier",
                    QueueAttribute.READ_AHEAD_KB),
            new DiscardCheck("discard",
                    "mounts of TRIM tiers: every layer passes discards, no online discard on top of the timer"),
            new TunedCheck("tuned",
                    "an active tuned profile that may overwrite queue settings"),
            new UdevRulesCheck("udev-rules",
                    "udev rules files other than jts-fleet's that set queue attributes"),
            new TrimLogCheck("trim-log",
                    "age and result of the last TRIM of every mount, from /var/lib/jts-fleet/trim.jsonl"));

    String name();

    String description();

    /** Findings for one host; never empty (a check with nothing to look at says so as OK). */
    List<Finding> run(HostSpec host, StorageModel model, Instant now);

    static Optional<HostCheck> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(HostCheck::name).toList();
    }

    /**
     * One queue attribute of every device the tuning planner manages, judged by the planner (the one rule: see
     * {@link HostPlan#drift()}): the layer that carries the setting (a partition's tier on its disk, a dm/md
     * device's tier on its leaves), zoned devices keeping mq-deadline, values the device cannot take.
     */
    private static List<Finding> queueAttribute(HostSpec host, StorageModel model, QueueAttribute attribute) {
        List<Finding> findings = new ArrayList<>();
        for (DevicePlan d : TuningPlanner.plan(model, host.policy()).devices()) {
            if (d.tier().isEmpty() || d.skipReason().isPresent()) {
                continue;
            }
            // a device without a tier of its own says where its tier came from (a mount on LVM, a partition)
            boolean ownTier = d.via().isEmpty() || d.via().stream().anyMatch(v -> !v.contains("(via "));
            String where = "tier " + d.tier().get() + (ownTier ? "" : " (" + d.via().get(0) + ")");
            Optional<PlannedSetting> planned = d.setting(attribute);
            if (planned.isEmpty()) {
                findings.add(Finding.ok(host.name(), d.device(), where + " sets no " + attribute.key() + " (current "
                        + current(model, d.device(), attribute).orElse("unknown") + ")"));
                continue;
            }
            PlannedSetting s = planned.get();
            String current = s.current().orElse("");
            String wants = where + " wants " + s.desired();
            findings.add(switch (s.action()) {
                case OK -> Finding.ok(host.name(), d.device(), attribute.key() + " " + current + " as " + where
                        + " wants");
                case SET -> Finding.critical(host.name(), d.device(), attribute.key() + " is " + current + ", "
                        + wants);
                case SKIP -> Finding.ok(host.name(), d.device(), attribute.key() + " " + current + ": " + s.reason()
                        + " (" + wants + ")");
                case NOT_APPLICABLE -> Finding.warning(host.name(), d.device(), attribute.key() + " not readable; "
                        + wants);
                case INVALID -> Finding.critical(host.name(), d.device(), attribute.key() + " is " + current + ", "
                        + wants + " (" + cannotTake(model, d.device(), attribute, s) + ")");
            });
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(host.name(), "-", "no device belongs to a tier"));
        }
        return findings;
    }

    /** Why a device cannot take a value: for a scheduler, the list it offers. */
    private static String cannotTake(StorageModel model, String device, QueueAttribute attribute, PlannedSetting s) {
        Optional<BlockDevice> block = model.snapshot().device(device);
        if (attribute == QueueAttribute.SCHEDULER && block.flatMap(BlockDevice::scheduler).isPresent()
                && !block.get().scheduler().get().offers(s.desired())) {
            return "the device does not offer it: " + String.join(" ", block.get().scheduler().get().available());
        }
        return s.reason();
    }

    /** The current value of an attribute the tier does not set, as the device shows it. */
    private static Optional<String> current(StorageModel model, String device, QueueAttribute attribute) {
        return model.snapshot().device(device).map(d -> attribute == QueueAttribute.SCHEDULER
                ? d.scheduler().map(sched -> sched.current()).orElse(null)
                : d.queue().get(attribute.key()));
    }

    /** One queue attribute of every managed device against what the planner wants. */
    record QueueCheck(String name, String description, QueueAttribute attribute) implements HostCheck {
        @Override
        public List<Finding> run(HostSpec host, StorageModel model, Instant now) {
            return queueAttribute(host, model, attribute);
        }
    }

    /** TRIM only helps when every layer passes discards down; online discard plus the timer trims twice. */
    record DiscardCheck(String name, String description) implements HostCheck {
        @Override
        public List<Finding> run(HostSpec host, StorageModel model, Instant now) {
            List<Finding> findings = new ArrayList<>();
            HostSnapshot snap = model.snapshot();
            for (Mount m : snap.mounts()) {
                Optional<Tier> tier = model.tierOfMount(m.path()).flatMap(t -> host.policy().tier(t));
                if (tier.isEmpty() || !tier.get().trim() || m.device().isEmpty() || m.bindOf().isPresent()) {
                    continue;
                }
                List<String> swallowing = new ArrayList<>();
                for (String layer : snap.stack(m.device().get())) {
                    BlockDevice d = snap.device(layer).orElse(null);
                    if (d != null && d.discardMaxBytes().isPresent() && d.discardMaxBytes().getAsLong() == 0) {
                        swallowing.add(layer);
                    }
                }
                if (!swallowing.isEmpty()) {
                    findings.add(Finding.critical(host.name(), m.path(), "TRIM would have no effect: "
                            + "discard_max_bytes is 0 on " + String.join(", ", swallowing)));
                } else if (m.onlineDiscard()) {
                    findings.add(Finding.warning(host.name(), m.path(), "mounted with online discard and in TRIM tier "
                            + tier.get().name() + ": the timer trims a second time"));
                } else {
                    findings.add(Finding.ok(host.name(), m.path(), "discards reach the device (tier "
                            + tier.get().name() + ")"));
                }
            }
            if (findings.isEmpty()) {
                findings.add(Finding.ok(host.name(), "-", "no mount in a TRIM tier"));
            }
            return findings;
        }
    }

    /** An active tuned profile rewrites queue settings after boot: the usual culprit of drift. */
    record TunedCheck(String name, String description) implements HostCheck {
        @Override
        public List<Finding> run(HostSpec host, StorageModel model, Instant now) {
            Optional<String> profile = model.snapshot().tunedProfile().map(String::strip).filter(p -> !p.isEmpty());
            if (profile.isPresent()) {
                return List.of(Finding.warning(host.name(), "/etc/tuned/active_profile", "tuned profile '"
                        + profile.get() + "' is active: its disk plugin can overwrite scheduler and read-ahead "
                        + "after boot"));
            }
            return List.of(Finding.ok(host.name(), "/etc/tuned/active_profile", "no active tuned profile"));
        }
    }

    /** Other rules files setting queue attributes compete with jts-fleet's own rules. */
    record UdevRulesCheck(String name, String description) implements HostCheck {
        static final String OWN_FILE = UdevRules.DEFAULT_PATH;

        @Override
        public List<Finding> run(HostSpec host, StorageModel model, Instant now) {
            List<Finding> findings = new ArrayList<>();
            Map<String, List<String>> rules = model.snapshot().udevRules();
            for (Map.Entry<String, List<String>> file : rules.entrySet()) {
                if (file.getKey().equals(OWN_FILE)) {
                    findings.add(Finding.ok(host.name(), file.getKey(), "jts-fleet's rules (" + file.getValue().size()
                            + " queue settings)"));
                } else if (!file.getValue().isEmpty()) {
                    findings.add(Finding.warning(host.name(), file.getKey(), file.getValue().size()
                            + " line(s) set queue attributes, competing with jts-fleet: "
                            + abbreviate(file.getValue().get(0))));
                }
            }
            if (!rules.containsKey(OWN_FILE)) {
                findings.add(Finding.ok(host.name(), OWN_FILE, "not installed (no `apply` yet)"));
            }
            return findings;
        }

        private static String abbreviate(String line) {
            String clean = line.strip().replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
        }
    }

    /** Timers fail silently: the last successful TRIM of each mount must be recent enough. */
    record TrimLogCheck(String name, String description) implements HostCheck {
        @Override
        public List<Finding> run(HostSpec host, StorageModel model, Instant now) {
            List<Finding> findings = new ArrayList<>();
            TrimLog log = TrimLog.parse(model.snapshot().trimLog());
            for (TrimLog.Problem p : log.problems()) {
                findings.add(Finding.warning(host.name(), "trim.jsonl:" + p.line(), p.message()));
            }
            TrimLog.Latest latest = log.latest();
            Map<String, TrimRecord> last = latest.runs();
            List<String> trimMounts = new ArrayList<>();
            for (Mount m : model.snapshot().mounts()) {
                Optional<Tier> tier = model.tierOfMount(m.path()).flatMap(t -> host.policy().tier(t));
                if (tier.isPresent() && tier.get().trim() && m.bindOf().isEmpty()) {
                    trimMounts.add(m.path());
                    findings.add(row(host.name(), m.path(), TrimVerdict.judge(latest, m.path(),
                            tier.get().thresholds().trimOverdueDays(), now)));
                }
            }
            for (Map.Entry<String, TrimRecord> e : last.entrySet()) {
                if (!trimMounts.contains(e.getKey())) {
                    findings.add(Finding.ok(host.name(), e.getKey(), "last run " + e.getValue().result().name()
                            .toLowerCase(java.util.Locale.ROOT) + " at " + e.getValue().time()
                            + " (mount not in a TRIM tier now)"));
                }
            }
            if (findings.isEmpty()) {
                findings.add(Finding.ok(host.name(), "-", "no mount in a TRIM tier and no TRIM recorded"));
            }
            return findings;
        }

        /** Words the one TRIM rule ({@link TrimVerdict}) as a row: the headline only, at its severity. */
        static Finding row(String host, String mount, TrimVerdict verdict) {
            String text = switch (verdict.kind()) {
                case NOTHING_RECORDED -> "no TRIM recorded yet (is the timer installed? `trim install`)";
                case FAILED -> "last TRIM failed at " + verdict.lastRun().orElseThrow().time()
                        + verdict.reason().map(r -> ": " + r).orElse("");
                case NEVER_SUCCEEDED -> "no successful TRIM recorded; last run " + verdict.lastRun().orElseThrow()
                        .result().name().toLowerCase(java.util.Locale.ROOT)
                        + verdict.reason().map(r -> ": " + r).orElse("");
                case OVERDUE -> "last successful TRIM " + verdict.sinceSuccess().orElseThrow().toDays()
                        + " days ago (overdue after " + verdict.limitDays() + " days)";
                case OK -> {
                    Duration age = verdict.sinceSuccess().orElseThrow();
                    long days = age.toDays();
                    yield "last successful TRIM " + (days == 0 ? age.toHours() + " h" : days + " days") + " ago, "
                            + verdict.lastSuccess().orElseThrow().bytes() + " bytes";
                }
            };
            return new Finding(host, verdict.severity(), mount, text);
        }
    }
}
