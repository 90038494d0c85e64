package jts.fleet.controller.cli.tuning;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Interrupts;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Mixin;

/**
 * A command that changes hosts in batches (apply, rollback): the change freeze and record begun, the batches run
 * with Ctrl-C stopping them gracefully, each host's result printed (refused hosts as skipped, untouched hosts named),
 * exit 130 when interrupted. A subclass says only which engine call runs the batches and how a host's report reads.
 *
 * @param <T> one host's report
 */
abstract class RolloutCommand<T> extends FleetCommand {
    @Mixin
    Rollout rollout;

    @Mixin
    ChangeOptions change;

    /** The command as the change record and the freeze name it ({@code apply}). */
    private final String command;
    /** What tells whether a host was left half-done after a second Ctrl-C ({@code jts-fleet verify}). */
    private final String check;
    /** A host's report in {@code -o json} and as text. */
    private final Function<T, Object> json;
    private final Function<T, String> text;

    RolloutCommand(String command, String check, Function<T, Object> json, Function<T, String> text) {
        this.command = command;
        this.check = check;
        this.json = json;
        this.text = text;
    }

    /** The engine call: {@code hosts} (those the freeze allows) in batches through {@code runner}. */
    abstract SerialRun<T> batches(TuningEngine engine, FleetRunner runner, List<HostSpec> hosts, String serial,
                                  int maxFailPercent, boolean dryRun);

    @Override
    protected void checkOptions() throws UsageException {
        rollout.maxFailPercent();
        rollout.serial();
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        int maxFailPercent = rollout.maxFailPercent();
        String serial = rollout.serial();
        ChangeOptions.Gate gate = change.beginOutsideFreeze(context, session, command, rollout.override,
                rollout.dryRun);
        TuningEngine engine = TuningEngine.standard(session.settings()).recordedBy(gate.control());
        // Ctrl-C: no further host or step starts, the steps in flight finish (or restore), exit 130
        Interrupts.Run<SerialRun<T>> stoppable = Interrupts.stoppable(context, session, check, runner -> {
            SerialRun<T> run = batches(engine, gate.control().runner(runner), gate.allowed(), serial, maxFailPercent,
                    rollout.dryRun);
            gate.control().notStarted(run.untouched(), "not started: " + run.stopReason().orElse("the rollout stopped"));
            return run;
        });
        SerialRun<T> run = stoppable.value();
        gate.control().end(context);
        FleetReport.print(context, output, withRefused(session.hosts(), run.results(), gate), json, text,
                doc -> untouchedJson(doc, run));
        if (run.stoppedEarly()) {
            context.err().println("jts-fleet: rollout stopped: " + run.stopReason().orElse("max-fail exceeded")
                    + "; not touched: " + String.join(", ", run.untouched().stream().map(HostSpec::name).toList()));
        }
        int code = gate.refusedOr(FleetReport.exitCode(run.results()));
        return stoppable.interrupted() ? Interrupts.interrupted(context) : code;
    }

    /** The run's results with each host the freeze refused as "skipped" (with the reason), in selection order. */
    static <T> List<HostResult<T>> withRefused(List<HostSpec> selected, List<HostResult<T>> results,
                                               ChangeOptions.Gate gate) {
        java.util.Map<String, HostResult<T>> byHost = new java.util.LinkedHashMap<>();
        results.forEach(r -> byHost.put(r.host(), r));
        gate.freeze().refused().forEach(r -> byHost.put(r.host().name(),
                new HostResult.Skipped<>(r.host().name(), r.reason())));
        List<HostResult<T>> ordered = new java.util.ArrayList<>();
        for (HostSpec h : selected) {
            if (byHost.containsKey(h.name())) {
                ordered.add(byHost.remove(h.name()));
            }
        }
        ordered.addAll(byHost.values());
        return ordered;
    }

    static <T> void untouchedJson(ObjectNode doc, SerialRun<T> run) {
        var untouched = doc.putArray("untouched");
        run.untouched().forEach(h -> untouched.add(h.name()));
        doc.put("stopped", run.stoppedEarly());
        run.stopReason().ifPresent(reason -> doc.put("stop_reason", reason));
    }
}
