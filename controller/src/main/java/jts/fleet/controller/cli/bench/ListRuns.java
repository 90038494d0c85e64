package jts.fleet.controller.cli.bench;

import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import picocli.CommandLine.Command;

/** {@code jts-fleet bench list}: the stored runs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List stored benchmark runs.")
public final class ListRuns extends StoredRunsCommand {

    @Override
    int show(BenchStore results) throws Exception {
        var runs = new BenchQueries(results).list();
        return print(runs, () -> BenchText.runs(runs));
    }
}
