package jts.fleet.controller.cli.bench;

import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet bench list}: the stored runs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List stored benchmark runs.")
public final class ListRuns implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    OutputOptions output;
    @Mixin
    StoreOption store;

    public ListRuns(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        var runs = store.queries().list();
        context.out().print(output.json() ? Json.pretty(runs) + "\n" : HostText.escapeKeepingLines(BenchText.runs(runs)));
        return ExitCodes.OK;
    }
}
