package jts.fleet.controller.cli.status;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet status}: each host's storage, classes and tiers, read in one round trip per host. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each selected host's block devices, mounts, classes and tiers (one exec per host).")
public final class Status extends FleetCommand {
    @Option(names = "--all", description = "Also show idle loop devices (no backing file), hidden by default.")
    boolean all;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write one JSON report per host and fleet-summary.json into DIR.")
    Path reportDir;

    @Override
    protected int run(FleetSession session) throws Exception {
        // the JSON document only when something prints or writes it: a text run never starts Jackson
        boolean reported = reportDir != null;
        StatusDocument document = output.json() || reported ? StatusDocument.start(output.json(), reported) : null;
        Consumer<HostResult<?>> progress = progress();
        List<HostResult<HostStatus>> results = session.runner().run(session.hosts(),
                (transport, host) -> HostOutcome.ok(HostStatus.of(
                        HostGather.model(transport, host, session.commandTimeout()), host.policy())),
                document == null ? progress : r -> {
                    progress.accept(r);
                    document.accept(r);
                });
        if (reported) {
            List<ObjectNode> entries = document.entries(results);
            StatusReports.write(reportDir, entries, StatusDocument.tree(entries, FleetReport.recapJson(results)));
        }
        if (output.json()) {
            context.out().println(document.text(results));
        }
        if (!output.json()) {
            new StatusTextView(context, all).print(session.hosts(), results);
        }
        FleetReport.printErrors(context.err(), results);
        return FleetReport.exitCode(results);
    }
}
