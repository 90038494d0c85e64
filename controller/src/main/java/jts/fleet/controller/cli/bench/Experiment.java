package jts.fleet.controller.cli.bench;

import java.util.List;

import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.bench.ExperimentEngine;
import jts.fleet.controller.bench.ExperimentReport;
import jts.fleet.controller.bench.ExperimentRequest;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet experiment}: interleaved A/B runs of two settings of a target's devices, restored at the end. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"A/B experiment: interleave two settings of the target's device(s), measure, restore.",
            "Reports each arm's median, the difference with a 95%% bootstrap interval and a verdict."})
public final class Experiment extends MeasuringCommand<ExperimentRequest> {
    @Option(names = "--set", required = true, paramLabel = "ATTR=A,B", description = "e.g. scheduler=none,mq-deadline")
    String set;
    @Option(names = "--profile", required = true, paramLabel = "NAME", description = "One fio profile.")
    String profile;
    @Option(names = "--target", required = true, paramLabel = "DIR", description = "Directory on the host.")
    String target;
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds of A and B (default: ${DEFAULT-VALUE}).")
    int rounds;

    public Experiment() {
        super("experiment");
    }

    @Override
    ExperimentRequest request() throws UsageException {
        return ExperimentRequest.parse(set, profile, target, rounds, sizing.parameters());
    }

    @Override
    int measure(FleetSession session, ChangeOptions.Gate gate) throws Exception {
        BenchProfiles profiles = BenchProfiles.embedded();
        BenchEngine bench = engine(session, store.open(), profiles, gate.control());
        ExperimentEngine engine = new ExperimentEngine(bench, profiles).recordedBy(gate.control());
        List<HostResult<ExperimentReport>> results = withShutdownHook(engine::restoreActive,
                "jts-fleet-experiment-restore", () -> {
                    FleetRunner runner = gate.control().runner(session.runner(session.settings().runTimeoutOr(
                            () -> engine.runDeadline(request, gate.allowed(), session.runner().forks()))));
                    return runner.run(gate.allowed(), engine.task(request, override.force(),
                            session.settings().clock(), line -> {
                                if (!output.json() && context.terminal()) {
                                    context.err().println(HostText.escape(line));
                                }
                            }), progress());
                });
        gate.control().end(context);
        FleetReport.print(context, output, results, r -> r, BenchText::experiment, doc -> { });
        return gate.refusedOr(FleetReport.exitCode(results));
    }
}
