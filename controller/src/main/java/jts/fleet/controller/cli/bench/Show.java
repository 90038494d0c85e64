package jts.fleet.controller.cli.bench;

import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jts-fleet bench show RUN}: one stored run, every host's document. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one stored run (id or unique prefix).")
public final class Show extends StoredRunsCommand {
    @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix.")
    String run;

    @Override
    int show(BenchStore results) throws Exception {
        List<BenchDocument> docs = new BenchQueries(results).show(run);
        // the documents as stored: the store's own mapper writes them
        context.out().print(output.json() ? results.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(docs)
                + "\n" : HostText.escapeKeepingLines(BenchText.documents(docs)));
        return ExitCodes.OK;
    }
}
