package jts.fleet.controller.cli.tuning;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.Interrupts;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.SerialRun;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --serial}, {@code --max-fail}, {@code --dry-run} and {@code --force} of the commands that change hosts in
 * batches (apply, rollback), and the run they share ({@link #run}): change freeze and record, batches that Ctrl-C
 * stops, the report with refused and untouched hosts, the exit code.
 */
public final class Rollout {
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

    /** One rollout's engine call: {@code hosts} (those the freeze allows) in batches through {@code runner}. */
    @FunctionalInterface
    interface Batches<T> {
        SerialRun<T> run(TuningEngine engine, FleetRunner runner, List<HostSpec> hosts, String serial,
                         int maxFailPercent, boolean dryRun);
    }

    /**
     * Runs {@code command} on the selected hosts: the freeze and the change record begun, the batches run with
     * Ctrl-C stopping them gracefully ({@code check} tells whether a host was left half-done), each host's result
     * printed (refused hosts as skipped, untouched hosts named), exit 130 when interrupted.
     */
    <T> int run(AppContext context, FleetOptions fleet, OutputOptions output, ChangeOptions change, String command,
                String check, Batches<T> batches, Function<T, Object> json, Function<T, String> text) throws Exception {
        int maxFailPercent = maxFailPercent();
        String batchSpec = serial();
        return fleet.withSession(context, session -> {
            ChangeOptions.Gate gate = change.beginOutsideFreeze(context, session, command, override, dryRun);
            TuningEngine engine = TuningEngine.standard(session.settings()).recordedBy(gate.control());
            // Ctrl-C: no further host or step starts, the steps in flight finish (or restore), exit 130
            Interrupts.Run<SerialRun<T>> stoppable = Interrupts.stoppable(context, session, check, runner -> {
                SerialRun<T> run = batches.run(engine, gate.control().runner(runner), gate.allowed(), batchSpec,
                        maxFailPercent, dryRun);
                gate.control().notStarted(run.untouched(), "not started: "
                        + run.stopReason().orElse("the rollout stopped"));
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
        });
    }

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
