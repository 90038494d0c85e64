package jts.fleet.controller.cli.bench;

import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.remote.bench.CompareThresholds;
import jts.fleet.remote.bench.FleetComparison;
import jts.fleet.remote.bench.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jts-fleet bench compare}: two runs per host, profile and metric, or each host against its tier's median. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs per host, profile and metric (exit 5 on a regression), or each host",
            "against the fleet median of its tier (--fleet RUN)."})
public final class Compare extends StoredRunsCommand {
    @Parameters(paramLabel = "RUN", arity = "0..2", description = "BASE NEW, or one RUN with --fleet.")
    List<String> runs = List.of();

    @Option(names = "--fleet", description = "Compare each host of one run with the fleet median of its tier.")
    boolean fleetView;

    @Option(names = "--force", description = "Compare even different fio versions or profiles.")
    boolean force;

    @Option(names = "--throughput-threshold", paramLabel = "PCT", defaultValue = "5",
            description = "IOPS/bandwidth change counted as real, in %% (default: ${DEFAULT-VALUE}).")
    double throughputPct;

    @Option(names = "--latency-threshold", paramLabel = "PCT", defaultValue = "10",
            description = "Latency change counted as real, in %% (default: ${DEFAULT-VALUE}).")
    double latencyPct;

    @Option(names = "--outlier-factor", paramLabel = "X", defaultValue = "2.0",
            description = "--fleet: p99 this many times the median (or IOPS 1/X of it) is an outlier (default: ${DEFAULT-VALUE}).")
    double outlierFactor;

    @Override
    int show(BenchStore results) throws Exception {
        BenchQueries queries = new BenchQueries(results);
        if (fleetView) {
            if (runs.size() != 1) {
                throw new UsageException("bench compare --fleet takes exactly one RUN");
            }
            FleetComparison f = queries.fleet(runs.get(0), outlierFactor, 1.0 / outlierFactor);
            return print(f, () -> BenchText.fleet(f));
        }
        if (runs.size() != 2) {
            throw new UsageException("bench compare takes BASE and NEW run ids (or --fleet RUN)");
        }
        RunComparison c;
        try {
            c = queries.compare(runs.get(0), runs.get(1), new CompareThresholds(throughputPct, latencyPct), force);
        } catch (RunComparison.Refused e) {
            throw new UsageException(e.getMessage());
        }
        print(c, () -> BenchText.comparison(c));
        return c.regression() ? ExitCodes.BENCH_REGRESSION : ExitCodes.OK;
    }
}
