package jts.fleet.controller.cli;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.controller.tuning.ApplyReport;
import jts.fleet.controller.tuning.PlanReport;
import jts.fleet.controller.tuning.RollbackReport;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.controller.tuning.VerifyReport;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}, {@code apply}, {@code verify}, {@code rollback}: queue tuning across the fleet. */
public final class TuningCommands {
    private TuningCommands() {
    }

    /** {@code --serial} and {@code --max-fail} for the commands that change hosts. */
    public static final class Rollout {
        @Option(names = "--serial", paramLabel = "N|N%", defaultValue = "100%",
                description = "Hosts per batch, a number or a percentage of the selection (default: ${DEFAULT-VALUE}).")
        String serial = "100%";

        @Option(names = "--max-fail", paramLabel = "N%", defaultValue = "0%",
                description = "Stop before the next batch when more than this share of a batch failed (default: ${DEFAULT-VALUE}).")
        String maxFail = "0%";

        @Option(names = "--dry-run", description = "Show what would change; change nothing (allowed inside a blackout window).")
        boolean dryRun;

        @Mixin
        FreezeOverride override;

        /** Checked before any host is touched: a typo is a usage error (exit 2), not a failed rollout. */
        String serial() throws UsageException {
            try {
                jts.fleet.controller.fleet.BatchSpec.parse(serial);
                return serial;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--serial " + serial + ": " + e.getMessage());
            }
        }

        int maxFailPercent() throws UsageException {
            String value = maxFail.endsWith("%") ? maxFail.substring(0, maxFail.length() - 1) : maxFail;
            try {
                int percent = Integer.parseInt(value.strip());
                if (percent < 0 || percent > 100) {
                    throw new UsageException("--max-fail " + maxFail + ": must be 0%..100%");
                }
                return percent;
            } catch (NumberFormatException e) {
                throw new UsageException("--max-fail " + maxFail + ": expected a percentage such as 20%");
            }
        }
    }

    /** The change record of a rollout: refused hosts, each host as it starts and ends, the hosts never reached. */
    static <T> SerialRun<T> recorded(ChangeControl change, ChangeFreeze.Decision freeze,
            jts.fleet.controller.fleet.FleetRunner runner,
            java.util.function.Function<jts.fleet.controller.fleet.FleetRunner, SerialRun<T>> rollout) {
        change.refused(freeze);
        SerialRun<T> run = rollout.apply(change.runner(runner));
        change.notStarted(run.untouched(), "not started: " + run.stopReason().orElse("the rollout stopped"));
        return run;
    }

    static <T> int rolloutResult(AppContext context, SerialRun<T> run, ChangeFreeze.Decision freeze) {
        if (run.stoppedEarly()) {
            context.err().println("jts-fleet: rollout stopped: " + run.stopReason().orElse("max-fail exceeded")
                    + "; not touched: " + String.join(", ", run.untouched().stream().map(HostSpec::name).toList()));
        }
        int code = FleetReport.exitCode(run.results());
        return code == ExitCodes.OK && !freeze.refused().isEmpty() ? ExitCodes.REFUSED : code;
    }

    /** The run's results with each host the freeze refused as "skipped" (with the reason), in selection order. */
    static <T> List<HostResult<T>> withRefused(List<HostSpec> selected, List<HostResult<T>> results,
                                               ChangeFreeze.Decision freeze) {
        java.util.Map<String, HostResult<T>> byHost = new java.util.LinkedHashMap<>();
        results.forEach(r -> byHost.put(r.host(), r));
        freeze.refused().forEach(r -> byHost.put(r.host().name(), new HostResult.Skipped<>(r.host().name(), r.reason())));
        List<HostResult<T>> ordered = new java.util.ArrayList<>();
        for (HostSpec h : selected) {
            if (byHost.containsKey(h.name())) {
                ordered.add(byHost.remove(h.name()));
            }
        }
        ordered.addAll(byHost.values());
        return ordered;
    }

    static <T> void untouchedJson(com.fasterxml.jackson.databind.node.ObjectNode doc, SerialRun<T> run) {
        var untouched = doc.putArray("untouched");
        run.untouched().forEach(h -> untouched.add(h.name()));
        doc.put("stopped", run.stoppedEarly());
        run.stopReason().ifPresent(reason -> doc.put("stop_reason", reason));
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Show what apply would change, per host, device and attribute.",
                "Current, desired, action and reason, and the diff of the udev rules file apply would push.",
                "Changes nothing."})
    public static final class Plan implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        public Plan(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            return fleet.withSession(context, session -> {
                ScheduleCheck.requireSafe(session.inventory().source(), session.hosts(), context.clock().instant());
                TuningEngine engine = TuningEngine.standard(session.settings());
                List<HostResult<PlanReport>> results = engine.planFleet(session.runner(), session.hosts(),
                        r -> progress(r));
                List<HostResult<PlanReport>> judged = results.stream().map(Plan::invalidAsFailed).toList();
                if (output.json()) {
                    var doc = Json.object();
                    var hosts = doc.putArray("hosts");
                    for (int i = 0; i < results.size(); i++) {
                        var node = FleetReport.hostEntry(judged.get(i));
                        if (results.get(i) instanceof HostResult.Ok<PlanReport> ok) {
                            node.setAll((com.fasterxml.jackson.databind.node.ObjectNode)
                                    Json.MAPPER.valueToTree(ok.value().json()));
                        }
                        hosts.add(node);
                    }
                    doc.set("recap", FleetReport.recapJson(judged));
                    context.out().println(Json.pretty(doc));
                } else {
                    // an invalid plan is still shown: its lines say what is wrong
                    for (HostResult<PlanReport> r : results) {
                        if (r instanceof HostResult.Ok<PlanReport> ok) {
                            context.out().print(ok.value().text());
                        }
                    }
                    FleetReport.printRecap(context.out(), judged);
                }
                FleetReport.printErrors(context.err(), judged);
                return FleetReport.exitCode(judged);
            });
        }

        /** A plan apply would refuse is a failed host, in the recap and the exit code alike (one rule). */
        static HostResult<PlanReport> invalidAsFailed(HostResult<PlanReport> r) {
            if (r instanceof HostResult.Ok<PlanReport> ok && !ok.value().plan().valid()) {
                return new HostResult.Failed<>(r.host(), jts.fleet.controller.transport.FailureClass.COMMAND,
                        "invalid plan: " + String.join("; ", ok.value().plan().invalidReasons()));
            }
            return r;
        }

        private void progress(HostResult<?> r) {
            if (!output.json()) {
                FleetReport.progress(context, r);
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Apply each tier's queue settings and push the udev rules that keep them.",
                "Records the previous values on the host first, writes sysfs live, pushes the rules, triggers only",
                "the affected devices and verifies. A host where any step fails is restored to how it was.",
                "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
    public static final class Apply implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;
        @Mixin
        Rollout rollout;
        @Mixin
        ChangeOptions change;

        public Apply(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            int maxFail = rollout.maxFailPercent();
            String serial = rollout.serial();
            return fleet.withSession(context, session -> {
                ChangeFreeze.Decision freeze = change.freeze(context, session, "apply", rollout.override,
                        rollout.dryRun);
                ChangeControl control = change.begin(context, session, "apply", freeze.allowed(),
                        rollout.override.force, rollout.dryRun);
                TuningEngine engine = TuningEngine.standard(session.settings()).recordedBy(control);
                // Ctrl-C: no further host or step starts, the steps in flight finish (or restore), exit 130
                Interrupts.Run<SerialRun<ApplyReport>> stoppable = Interrupts.stoppable(context, session,
                        "jts-fleet verify", runner -> recorded(control, freeze, runner, recording -> engine.applyFleet(
                                recording, freeze.allowed(), serial, maxFail, rollout.dryRun, r -> {
                                    if (!output.json()) {
                                        FleetReport.progress(context, r);
                                    }
                                })));
                SerialRun<ApplyReport> run = stoppable.value();
                control.end(context);
                FleetReport.print(context, output, withRefused(session.hosts(), run.results(), freeze),
                        ApplyReport::json, ApplyReport::text, doc -> untouchedJson(doc, run));
                int code = rolloutResult(context, run, freeze);
                return stoppable.interrupted() ? Interrupts.interrupted(context) : code;
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every tuned setting: exit 0 when all match, 3 on drift.",
                "Each finding names host, device, attribute, expected, actual and the likely culprit."})
    public static final class Verify implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;

        public Verify(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            return fleet.withSession(context, session -> {
                List<HostResult<VerifyReport>> results = TuningEngine.standard(session.settings()).verifyFleet(session.runner(),
                        session.hosts(), r -> {
                            if (!output.json()) {
                                FleetReport.progress(context, r);
                            }
                        });
                FleetReport.print(context, output, results, VerifyReport::json, VerifyReport::text, doc -> { });
                int code = FleetReport.exitCode(results);
                if (code == ExitCodes.OK && TuningEngine.anyDrift(results)) {
                    return ExitCodes.DRIFT;
                }
                return code;
            });
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Restore the values recorded before the first apply, all or nothing per host.",
                "Then removes the pushed udev rules file and the state file on each host. A state file that does not",
                "read back whole (cut, changed) restores nothing and removes nothing: the values it could read and",
                "the way back are shown.",
                "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force."})
    public static final class Rollback implements Callable<Integer> {
        private final AppContext context;
        @Mixin
        FleetOptions fleet;
        @Mixin
        OutputOptions output;
        @Mixin
        Rollout rollout;
        @Mixin
        ChangeOptions change;

        @Option(names = "--forget-missing",
                description = "Drop the recorded values of devices no longer on a host (else they stop its rollback).")
        boolean forgetMissing;

        public Rollback(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            int maxFail = rollout.maxFailPercent();
            String serial = rollout.serial();
            return fleet.withSession(context, session -> {
                ChangeFreeze.Decision freeze = change.freeze(context, session, "rollback", rollout.override,
                        rollout.dryRun);
                ChangeControl control = change.begin(context, session, "rollback", freeze.allowed(),
                        rollout.override.force, rollout.dryRun);
                TuningEngine engine = TuningEngine.standard(session.settings()).recordedBy(control);
                Interrupts.Run<SerialRun<RollbackReport>> stoppable = Interrupts.stoppable(context, session,
                        "jts-fleet rollback --dry-run", runner -> recorded(control, freeze, runner, recording ->
                                engine.rollbackFleet(recording, freeze.allowed(), serial, maxFail, rollout.dryRun,
                                        forgetMissing, r -> {
                                            if (!output.json()) {
                                                FleetReport.progress(context, r);
                                            }
                                        })));
                SerialRun<RollbackReport> run = stoppable.value();
                control.end(context);
                FleetReport.print(context, output, withRefused(session.hosts(), run.results(), freeze),
                        RollbackReport::json, RollbackReport::text, doc -> untouchedJson(doc, run));
                int code = rolloutResult(context, run, freeze);
                return stoppable.interrupted() ? Interrupts.interrupted(context) : code;
            });
        }
    }
}
