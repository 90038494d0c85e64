package jts.fleet.controller.cli.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.DurationConverter;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.monitor.CheckEngine;
import jts.fleet.controller.monitor.CheckReport;
import jts.fleet.controller.monitor.CheckTarget;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.tuning.TuningPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jts-fleet check}: a Nagios plugin. Its usage errors are UNKNOWN (3), never CRITICAL (2): a bad inventory
 * here, a bad command line in the command tree, both answered by {@link #unknown}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate the tier thresholds once, Nagios style (exit 0/1/2/3).",
            "Latency, flush latency, drift, TRIM overdue and NVMe health; one line per finding. The status",
            "line carries performance data per host and tier ('hot_read_await_ms'=0.4ms;1;5). A bad",
            "command line or inventory is UNKNOWN (exit 3), as the plugin guidelines ask."})
public final class Check extends FleetCommand {
    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between the two I/O samples (default: ${DEFAULT-VALUE}).")
    Duration gap;

    /** The status line of a bad command line, on stdout where the monitoring system reads it; exit UNKNOWN. */
    public static int unknown(AppContext context, String message) {
        context.out().println("JTS-FLEET STORAGE UNKNOWN - " + message);
        return Severity.UNKNOWN.exitCode();
    }

    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } catch (jts.fleet.inventory.source.InventoryException | UsageException e) {
            int code = unknown(context, e.getMessage());
            context.err().println("jts-fleet: " + e.getMessage());
            return code;
        }
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        List<HostResult<StorageModel>> gathered = Hosts.gather(session, r -> { });
        List<CheckTarget> targets = new ArrayList<>();
        List<Finding> unknown = new ArrayList<>();
        for (int i = 0; i < gathered.size(); i++) {
            HostSpec host = session.hosts().get(i);
            if (gathered.get(i) instanceof HostResult.Ok<StorageModel> ok) {
                targets.add(CheckTarget.of(host, ok.value(), Optional.of(drift(host, ok.value()))));
            } else {
                unknown.add(new Finding(host.name(), Severity.UNKNOWN,
                        FleetReport.hostEntry(gathered.get(i)).path("error").asText()));
            }
        }
        CheckReport checked = new CheckEngine(Hosts.transports(session), gap, session.settings())
                .run(targets);
        List<Finding> findings = new ArrayList<>(checked.findings());
        findings.addAll(unknown);
        CheckReport report = new CheckReport(findings, session.hosts().size(), checked.perfdata());
        if (output.json()) {
            context.out().println(Json.pretty(report.json()));
        } else {
            context.out().print(report.render());
        }
        return report.exitCode();
    }

    /**
     * Tuning drift from the same snapshot: on a host jts-fleet has tuned (state recorded), every planned
     * setting that differs now is drift. A host never applied is not drifting, just not tuned yet.
     */
    private static List<Finding> drift(HostSpec host, StorageModel model) {
        if (model.snapshot().stateJson().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        try {
            jts.fleet.remote.tuning.TuningState.parse(host.name(), model.snapshot().stateJson().get());
        } catch (IllegalArgumentException damaged) {
            // the only record of the values from before the first apply: rollback refuses it until recovered
            findings.add(new Finding(host.name(), Severity.CRITICAL, damaged.getMessage().substring(
                    host.name().length() + 2) + ": rollback is impossible until it is recovered (jts-fleet rollback"
                    + " shows how)"));
        }
        for (var drift : TuningPlanner.plan(model, host.policy()).drift()) {
            findings.add(new Finding(host.name(), Severity.WARNING, "drift " + drift.device().device() + " "
                    + drift.setting().attribute().key() + ": expected " + drift.setting().desired() + ", actual "
                    + drift.setting().current().orElse("?")));
        }
        return findings;
    }
}
