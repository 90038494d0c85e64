package jts.fleet.controller.cli.bench;

import java.nio.file.Path;
import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.remote.bench.CompareThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jts-fleet bench report RUN...}: one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML report (charts, before/after, host vs fleet) of runs.")
public final class Report extends AppCommand {
    @Mixin
    StoreOption store;
    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids (the first is 'before').")
    List<String> runs;
    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: a new "
            + "bench-report-RUN.html in the current directory; an existing file is never overwritten unasked).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : newFileName(Path.of(""), runs.get(0));
        boolean replaced = out != null && java.nio.file.Files.exists(out);
        Path written = store.queries().report(runs, target, CompareThresholds.DEFAULT);
        context.out().println("wrote " + written + (replaced ? " (replaced the file --out named)" : ""));
        return ExitCodes.OK;
    }

    /** {@code bench-report-RUN.html}, else {@code -2}, {@code -3} ...: a name no file has yet. */
    static Path newFileName(Path dir, String run) {
        String stem = "bench-report-" + run.replaceAll("[^A-Za-z0-9._-]", "_");
        Path candidate = dir.resolve(stem + ".html");
        for (int n = 2; java.nio.file.Files.exists(candidate); n++) {
            candidate = dir.resolve(stem + "-" + n + ".html");
        }
        return candidate;
    }
}
