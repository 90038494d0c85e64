package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.OwnFiles;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.CompareThresholds;
import jts.fleet.remote.bench.FleetComparison;
import jts.fleet.remote.bench.HtmlReport;
import jts.fleet.remote.bench.RunComparison;

/**
 * The read side of {@code bench}: list, show, compare, fleet view and HTML report over a {@link BenchStore}, so
 * each command is a few lines. Exit code 5 ({@link #REGRESSION_EXIT}) belongs to a comparison whose
 * {@code regression()} is true.
 */
public final class BenchQueries {
    /** {@code bench compare} exit status when a regression beyond the thresholds was found. */
    public static final int REGRESSION_EXIT = jts.fleet.controller.ExitCodes.BENCH_REGRESSION;

    private final BenchStore store;

    public BenchQueries(BenchStore store) {
        this.store = store;
    }

    public List<BenchStore.RunInfo> list() throws IOException {
        return store.list();
    }

    public List<BenchDocument> show(String runIdOrPrefix) throws IOException {
        return store.load(runIdOrPrefix);
    }

    /** @throws RunComparison.Refused when fio versions, profiles, O_DIRECT or sizes differ and not forced */
    public RunComparison compare(String base, String current, CompareThresholds thresholds, boolean force)
            throws IOException, RunComparison.Refused {
        String baseId = store.resolve(base);
        String newId = store.resolve(current);
        return RunComparison.compare(baseId, store.load(baseId), newId, store.load(newId), thresholds, force);
    }

    public FleetComparison fleet(String run, double p99Factor, double iopsFactor) throws IOException {
        String id = store.resolve(run);
        return FleetComparison.compare(id, store.load(id), p99Factor, iopsFactor);
    }

    /** Writes the self-contained HTML report of {@code runIds} (first = before) to {@code out}. */
    public Path report(List<String> runIds, Path out, CompareThresholds thresholds) throws IOException {
        if (runIds.isEmpty()) {
            throw new IllegalArgumentException("bench report needs at least one run id");
        }
        List<HtmlReport.Run> runs = new ArrayList<>();
        for (String r : runIds) {
            String id = store.resolve(r);
            runs.add(new HtmlReport.Run(id, store.load(id)));
        }
        OwnFiles.writeString(out, HtmlReport.render(runs, thresholds), OwnFiles.Access.SHARED);
        return out;
    }
}
