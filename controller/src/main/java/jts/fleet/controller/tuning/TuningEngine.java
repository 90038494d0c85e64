package jts.fleet.controller.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;
import jts.fleet.remote.tuning.DevicePlan;
import jts.fleet.remote.tuning.HostPlan;
import jts.fleet.remote.tuning.HostTuningFiles;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.tuning.LineDiff;
import jts.fleet.remote.tuning.MountOptionCheck;
import jts.fleet.remote.tuning.PlannedSetting;
import jts.fleet.remote.tuning.ScriptOutcome;
import jts.fleet.remote.tuning.TuningAction;
import jts.fleet.remote.tuning.TuningPlanner;
import jts.fleet.remote.tuning.TuningScripts;
import jts.fleet.remote.tuning.TuningState;
import jts.fleet.remote.tuning.UdevRules;

/**
 * plan / apply / verify / rollback of queue settings, per host over a {@link Transport} and across a fleet
 * through the {@link FleetRunner}. The CLI and the shell call these methods; they never parse host output.
 *
 * <p>Per host, apply is: gather (one exec) → plan → refuse an invalid plan without touching the host → read
 * the current rules file and state (one exec) → push the plan to {@code tune-apply.sh} (one exec, as root),
 * which records the original values, writes, installs the rules, verifies and restores everything on any
 * failure. A re-run with the same policy reports {@code ok}, not {@code changed}.
 */
public final class TuningEngine {
    private final Function<HostSpec, TuningPaths> paths;
    private final Duration timeout;
    private final HostRecording recording;

    public TuningEngine(Function<HostSpec, TuningPaths> paths, Duration timeout) {
        this(paths, timeout, HostRecording.NONE);
    }

    private TuningEngine(Function<HostSpec, TuningPaths> paths, Duration timeout, HostRecording recording) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    /**
     * This engine, with tune-apply.sh and tune-rollback.sh recording what they change on the host
     * ({@code changes.jsonl} in the state directory, and the system log) under the context {@code value} gives.
     */
    public TuningEngine recordedBy(HostRecording value) {
        return new TuningEngine(paths, timeout, value);
    }

    /**
     * Real locations ({@code /var/lib/jts-fleet}, {@code /etc/udev/rules.d}), under the host's sysroot if any,
     * with the command deadline of {@code settings}.
     */
    public static TuningEngine standard(RunSettings settings) {
        return new TuningEngine(TuningPaths::forHost, settings.commandTimeout());
    }

    // ---- fleet operations ---------------------------------------------------------------------------------

    public List<HostResult<PlanReport>> planFleet(FleetRunner runner, List<HostSpec> hosts,
            Consumer<? super HostResult<PlanReport>> listener) {
        return runner.run(hosts, this::plan, listener);
    }

    /**
     * Applies in serial batches ({@code serial} "N" or "N%"); stops before the next batch when a batch's
     * failed share exceeds {@code maxFailPercent}. {@link SerialRun#untouched()} lists the hosts never touched.
     */
    public SerialRun<ApplyReport> applyFleet(FleetRunner runner, List<HostSpec> hosts, String serial,
            int maxFailPercent, boolean dryRun, Consumer<? super HostResult<ApplyReport>> listener) {
        return runner.runSerial(hosts, serial, maxFailPercent, (t, h) -> apply(t, h, dryRun, runner::stopRequested),
                listener);
    }

    public List<HostResult<VerifyReport>> verifyFleet(FleetRunner runner, List<HostSpec> hosts,
            Consumer<? super HostResult<VerifyReport>> listener) {
        return runner.run(hosts, this::verify, listener);
    }

    public SerialRun<RollbackReport> rollbackFleet(FleetRunner runner, List<HostSpec> hosts, String serial,
            int maxFailPercent, boolean dryRun, Consumer<? super HostResult<RollbackReport>> listener) {
        return rollbackFleet(runner, hosts, serial, maxFailPercent, dryRun, false, listener);
    }

    /** As above; {@code forgetMissing} drops the recorded values of devices no longer on a host. */
    public SerialRun<RollbackReport> rollbackFleet(FleetRunner runner, List<HostSpec> hosts, String serial,
            int maxFailPercent, boolean dryRun, boolean forgetMissing,
            Consumer<? super HostResult<RollbackReport>> listener) {
        return runner.runSerial(hosts, serial, maxFailPercent, (t, h) -> rollback(t, h, dryRun, forgetMissing),
                listener);
    }

    /** True when any verified host drifted (the CLI exits 3 then, unless a host failed). */
    public static boolean anyDrift(List<HostResult<VerifyReport>> results) {
        return results.stream().anyMatch(r -> r instanceof HostResult.Ok<VerifyReport> ok && ok.value().drift());
    }

    // ---- one host -------------------------------------------------------------------------------------------

    public HostOutcome<PlanReport> plan(Transport transport, HostSpec host) throws TransportException {
        HostSnapshot snapshot = HostGather.snapshot(transport, host, timeout);
        return HostOutcome.ok(planReport(transport, host, snapshot));
    }

    public HostOutcome<ApplyReport> apply(Transport transport, HostSpec host, boolean dryRun)
            throws TransportException {
        return apply(transport, host, dryRun, () -> false);
    }

    /**
     * Apply on one host; {@code stopped} is asked once more before the one step that changes the host (after the
     * reads): an interrupt during the reads leaves the host untouched.
     */
    public HostOutcome<ApplyReport> apply(Transport transport, HostSpec host, boolean dryRun,
            java.util.function.BooleanSupplier stopped) throws TransportException {
        HostSnapshot snapshot = HostGather.snapshot(transport, host, timeout);
        if (snapshot.sysfsReadOnly()) {
            return HostOutcome.failed(host.name() + ": sysfs is mounted read-only (container?): nothing applied");
        }
        PlanReport report = planReport(transport, host, snapshot);
        HostPlan plan = report.plan();
        if (!plan.valid()) {
            return HostOutcome.failed(host.name() + ": plan invalid, nothing touched: "
                    + String.join("; ", plan.invalidReasons()));
        }
        if (dryRun) {
            boolean wouldChange = plan.count(TuningAction.SET) > 0 || !report.rulesDiff().isEmpty();
            return new HostOutcome.Done<>(new ApplyReport(report, true, Optional.empty()), wouldChange);
        }
        if (stopped.getAsBoolean()) {
            return HostOutcome.skipped("interrupted (Ctrl-C) before any change");
        }
        TuningPaths where = paths.apply(host);
        ExecResult result = HostScriptRunner.exec(transport, host, TuningScripts.APPLY.text(),
                List.of(where.sysfsRoot(), where.stateDir(), where.rulesPath(), recording.contextLine(host)),
                plan.applyInput(report.rules()), timeout, true);
        ScriptOutcome outcome = ScriptOutcome.parse(host.name(), result.exitCode(), result.stdoutText(),
                result.stderr());
        if (outcome.locked()) {
            return HostOutcome.failed(FailureClass.REFUSED, String.join("; ", outcome.errors()) + "; nothing was touched");
        }
        if (!outcome.succeeded()) {
            List<String> restored = outcome.records("restored").stream()
                    .map(r -> r.field(0) + " " + r.field(1) + " = " + r.field(2)).toList();
            return HostOutcome.failed(String.join("; ", outcome.errors())
                    + (restored.isEmpty() ? "" : "; restored " + String.join(", ", restored))
                    + (result.exitCode() == 2 ? "; nothing was touched" : ""));
        }
        return new HostOutcome.Done<>(new ApplyReport(report, false, Optional.of(outcome)), outcome.changedAnything());
    }

    /** The host's recorded state; a state file jts-fleet cannot read fails the host with the parser's sentence. */
    private static Optional<TuningState> state(HostSpec host, HostTuningFiles files, TuningPaths where)
            throws TransportException {
        try {
            return files.state().map(json -> TuningState.parse(host.name(), json));
        } catch (IllegalArgumentException damaged) {
            throw new TransportException(FailureClass.COMMAND, damagedState(damaged, where), damaged);
        }
    }

    public HostOutcome<VerifyReport> verify(Transport transport, HostSpec host) throws TransportException {
        HostSnapshot snapshot = HostGather.snapshot(transport, host, timeout);
        TuningPaths where = paths.apply(host);
        HostTuningFiles files = readFiles(transport, host, where);
        Policy policy = host.policy();
        StorageModel model = TierAssigner.assign(snapshot, policy);
        HostPlan plan = TuningPlanner.plan(model, policy);
        Optional<TuningState> state = state(host, files, where);
        VerifyReport report = DriftCheck.check(snapshot, plan, UdevRules.render(plan, policy, snapshot), files, state,
                where);
        return HostOutcome.ok(DriftCheck.withMountOptions(report, MountOptionCheck.check(model, policy)));
    }

    /**
     * What to say about a state that does not read back whole: it holds the only copy of the values from before
     * the first apply, so nothing (apply, rollback) uses it until it is recovered.
     */
    private static String damagedState(IllegalArgumentException damaged, TuningPaths where) {
        return damaged.getMessage().replace("state.json", where.stateDir() + "/state.json") + ": it keeps the values"
                + " from before the first apply, so apply and rollback leave the host alone until it is recovered;"
                + " `jts-fleet rollback` shows the values it can still read and the way back";
    }

    public HostOutcome<RollbackReport> rollback(Transport transport, HostSpec host, boolean dryRun)
            throws TransportException {
        return rollback(transport, host, dryRun, false);
    }

    /**
     * Rollback of one host, all or nothing (tune-rollback.sh): a damaged state restores nothing and removes
     * nothing, and the failure lists the values it could still read; a device no longer on the host stops the
     * rollback unless {@code forgetMissing}.
     */
    public HostOutcome<RollbackReport> rollback(Transport transport, HostSpec host, boolean dryRun,
            boolean forgetMissing) throws TransportException {
        TuningPaths where = paths.apply(host);
        if (dryRun) {
            HostTuningFiles files = readFiles(transport, host, where);
            Optional<TuningState> state = state(host, files, where);
            return new HostOutcome.Done<>(new RollbackReport(host.name(), true, Optional.empty(), state),
                    state.isPresent());
        }
        ExecResult result = HostScriptRunner.exec(transport, host, TuningScripts.ROLLBACK.text(),
                List.of(where.sysfsRoot(), where.stateDir(), where.rulesPath(),
                        forgetMissing ? "forget-missing" : "keep", recording.contextLine(host)), new byte[0], timeout,
                true);
        ScriptOutcome outcome = ScriptOutcome.parse(host.name(), result.exitCode(), result.stdoutText(),
                result.stderr());
        if (outcome.locked()) {
            return HostOutcome.failed(FailureClass.REFUSED, String.join("; ", outcome.errors()) + "; nothing was touched");
        }
        if (!outcome.succeeded()) {
            List<String> parts = new ArrayList<>(outcome.errors());
            List<String> recorded = outcome.records("recorded").stream()
                    .map(r -> r.field(0) + " " + r.field(1) + "=" + r.field(2)).toList();
            if (!recorded.isEmpty()) {
                parts.add("recorded values it could read: " + String.join(", ", recorded));
            }
            outcome.records("note").forEach(r -> parts.add(r.field(0)));
            return HostOutcome.failed(String.join("; ", parts));
        }
        return new HostOutcome.Done<>(new RollbackReport(host.name(), false, Optional.of(outcome), Optional.empty()),
                outcome.changedAnything());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private PlanReport planReport(Transport transport, HostSpec host, HostSnapshot snapshot)
            throws TransportException {
        Policy policy = host.policy();
        StorageModel model = TierAssigner.assign(snapshot, policy);
        HostPlan plan = TuningPlanner.plan(model, policy);
        String rules = UdevRules.render(plan, policy, snapshot);
        TuningPaths where = paths.apply(host);
        HostTuningFiles files = readFiles(transport, host, where);
        String diff = LineDiff.unified(files.rules().orElse(""), rules,
                host.name() + ":" + where.rulesPath() + (files.rules().isPresent() ? "" : " (absent)"),
                host.name() + ":" + where.rulesPath() + " (jts-fleet " + plan.policyHash() + ")");
        return new PlanReport(plan, rules, diff, MountOptionCheck.check(model, policy));
    }

    private HostTuningFiles readFiles(Transport transport, HostSpec host, TuningPaths where)
            throws TransportException {
        // state.json and the rules file are root-owned but world-readable (0644): no sudo needed to read them
        ExecResult result = HostScriptRunner.run(transport, host, "tune-read", TuningScripts.READ.text(),
                List.of(where.stateDir(), where.rulesPath()), new byte[0], timeout, false);
        try {
            return HostTuningFiles.parse(host.name(), result.stdoutText());
        } catch (IllegalArgumentException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }


    /** What verify finds drifted on one host, kept apart from the transport work so it is tested on snapshots alone. */
    static final class DriftCheck {
        private DriftCheck() {
        }

        static VerifyReport check(HostSnapshot snapshot, HostPlan plan, String expectedRules, HostTuningFiles files,
                                  Optional<TuningState> state, TuningPaths where) {
            List<Drift> differences = new ArrayList<>();
            int checked = 0;
            String host = snapshot.host();
            for (DevicePlan device : plan.devices()) {
                for (PlannedSetting s : device.settings()) {
                    switch (s.action()) {
                        case OK -> checked++;
                        case SET -> {
                            checked++;
                            differences.add(new Drift(host, device.device(), s.attribute().key(), s.desired(),
                                    s.current().orElse("-"), culprit(snapshot, device, s, state, where)));
                        }
                        case INVALID -> differences.add(new Drift(host, device.device(), s.attribute().key(),
                                s.desired(), s.current().orElse("-"), "the policy value cannot be set here: " + s.reason()));
                        default -> {
                            // skip and not-applicable are never drift
                        }
                    }
                }
            }
            checked++;
            if (files.rules().isEmpty()) {
                differences.add(new Drift(host, "-", "rules-file " + where.rulesPath(), "present", "absent",
                        state.isPresent() ? "removed by hand or by another tool" : "never applied on this host"));
            } else if (!files.rules().get().equals(expectedRules)) {
                String installed = files.rules().get();
                String policyHash = plan.policyHash(); // a SHA-256 of the policy on each call
                String culprit;
                if (!installed.startsWith(UdevRules.HEADER)) {
                    culprit = "edited by hand";
                } else if (installed.lines().anyMatch(l -> l.equals("# policy: " + policyHash))) {
                    // same policy: the rules are generated from the host's devices, and those changed
                    culprit = "the host's devices changed since the last apply (hotplug, rename): apply again";
                } else {
                    culprit = "applied with another policy version";
                }
                differences.add(new Drift(host, "-", "rules-file " + where.rulesPath(),
                        "policy " + policyHash, "different content", culprit));
            }
            return new VerifyReport(host, checked, differences);
        }

        /** Mount option expectations of the tiers: each one checked, each difference a finding with its fix. */
        static VerifyReport withMountOptions(VerifyReport report, List<MountOptionCheck.Result> options) {
            List<Drift> differences = new ArrayList<>(report.differences());
            for (MountOptionCheck.Result r : options) {
                if (!r.ok()) {
                    differences.add(new Drift(report.host(), r.mount(), "mount option " + r.expected(),
                            r.expected(), r.actual(), r.fix()));
                }
            }
            return new VerifyReport(report.host(), report.checked() + options.size(), differences);
        }

        static String culprit(HostSnapshot snapshot, DevicePlan device, PlannedSetting s, Optional<TuningState> state,
                              TuningPaths where) {
            List<String> causes = new ArrayList<>();
            for (Map.Entry<String, List<String>> rules : snapshot.udevRules().entrySet()) {
                if (rules.getKey().endsWith("/" + where.rulesFileName())) {
                    continue;
                }
                if (rules.getValue().stream().anyMatch(l -> l.contains("ATTR{queue/" + s.attribute().key() + "}"))) {
                    causes.add("udev rules file " + rules.getKey() + " also sets queue/" + s.attribute().key());
                }
            }
            snapshot.tunedProfile().map(String::strip).filter(p -> !p.isEmpty() && !p.equals("none"))
                    .ifPresent(p -> causes.add("tuned profile \"" + p + "\" is active (tuned profiles set disk"
                            + " elevator/readahead)"));
            if (state.isEmpty()) {
                causes.add("never applied on this host (no state.json)");
            } else if (!state.get().knows(device.device())) {
                causes.add("device not in state.json: hotplugged or renamed since the last apply");
            } else if (state.get().original(device.device(), s.attribute()).filter(o -> o.equals(s.current().orElse("")))
                    .isPresent()) {
                causes.add("back at its pre-jts-fleet value: reset by a reboot or driver reload without the rules,"
                        + " or by another tool");
            }
            return String.join("; ", causes);
        }
    }
}
