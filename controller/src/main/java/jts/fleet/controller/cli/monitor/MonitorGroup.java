package jts.fleet.controller.cli.monitor;

import picocli.CommandLine.Command;

/** {@code jts-fleet monitor}: groups install and run-once; named alone, it prints its usage (exit 2). */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Host-side metrics for Prometheus (node_exporter textfile).",
        subcommands = {Install.class, RunOnce.class})
public final class MonitorGroup {
}
