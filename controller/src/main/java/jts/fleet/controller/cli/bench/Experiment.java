package jts.fleet.controller.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.bench.ExperimentEngine;
import jts.fleet.controller.bench.ExperimentReport;
import jts.fleet.controller.bench.ExperimentRequest;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FreezeOverride;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet experiment}: interleaved A/B runs of two settings of a target's devices, restored at the end. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"A/B experiment: interleave two settings of the target's device(s), measure, restore.",
            "Reports each arm's median, the difference with a 95%% bootstrap interval and a verdict."})
public final class Experiment implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    FleetOptions fleet;
    @Mixin
    OutputOptions output;
    @Mixin
    StoreOption store;
    @Mixin
    Sizing sizing;

    @Option(names = "--set", required = true, paramLabel = "ATTR=A,B", description = "e.g. scheduler=none,mq-deadline")
    String set;
    @Option(names = "--profile", required = true, paramLabel = "NAME", description = "One fio profile.")
    String profile;
    @Option(names = "--target", required = true, paramLabel = "DIR", description = "Directory on the host.")
    String target;
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds of A and B (default: ${DEFAULT-VALUE}).")
    int rounds;
    @Mixin
    FreezeOverride override;

    @Mixin
    ChangeOptions change;

    public Experiment(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ExperimentRequest request;
        try {
            request = ExperimentRequest.parse(set, profile, target, rounds, sizing.parameters());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return fleet.withSession(context, session -> {
            ChangeOptions.Gate gate = change.beginOutsideFreeze(context, session, "experiment", override, false);
            if (gate.allowed().isEmpty()) {
                gate.control().end(context);
                return ExitCodes.REFUSED;
            }
            BenchProfiles profiles = BenchProfiles.embedded();
            BenchEngine bench = FleetBench.engine(session, store.open(), profiles, gate.control());
            ExperimentEngine engine = new ExperimentEngine(bench, profiles).recordedBy(gate.control());
            List<HostResult<ExperimentReport>> results = FleetBench.withShutdownHook(engine::restoreActive,
                    "jts-fleet-experiment-restore", () -> {
                        FleetRunner runner = gate.control().runner(FleetOptions.runner(session, fleet.forks(),
                                session.settings().runTimeoutOr(() -> engine.runDeadline(request, gate.allowed(),
                                        fleet.forks()))));
                        return runner.run(gate.allowed(), engine.task(request, override.force(),
                                session.settings().clock(), line -> {
                                    if (!output.json() && context.terminal()) {
                                        context.err().println(HostText.escape(line));
                                    }
                                }), FleetReport.progress(context, output));
                    });
            gate.control().end(context);
            FleetReport.print(context, output, results, r -> r, BenchText::experiment, doc -> { });
            return gate.refusedOr(FleetReport.exitCode(results));
        });
    }
}
