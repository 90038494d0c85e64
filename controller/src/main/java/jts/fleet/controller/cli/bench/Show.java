package jts.fleet.controller.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jts-fleet bench show RUN}: one stored run, every host's document. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one stored run (id or unique prefix).")
public final class Show implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    OutputOptions output;
    @Mixin
    StoreOption store;
    @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix.")
    String run;

    public Show(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        BenchStore results = store.open();
        List<BenchDocument> docs = new BenchQueries(results).show(run);
        context.out().print(output.json() ? results.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(docs)
                + "\n" : HostText.escapeKeepingLines(BenchText.documents(docs)));
        return ExitCodes.OK;
    }
}
