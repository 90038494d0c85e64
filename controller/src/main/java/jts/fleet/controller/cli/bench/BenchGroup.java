package jts.fleet.controller.cli.bench;

import picocli.CommandLine.Command;

/** {@code jts-fleet bench}: groups the benchmark commands; named alone, it prints its usage (exit 2). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "fio benchmarks per tier and workload shape: run, list, show, compare, report.",
        subcommands = {Run.class, ListRuns.class, Show.class, Compare.class, Report.class})
public final class BenchGroup {
}
