package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet snapshot}: saves each host's gather output, for bug reports and as test fixtures. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Save each selected host's gather output (the framed text the parser reads) to DIR/<host>.gather.")
public final class SnapshotCommand implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory (default: current).")
    Path outDir;

    public SnapshotCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
            OwnFiles.createDirectories(outDir, OwnFiles.Access.SHARED);
            List<HostResult<Path>> results = session.runner().run(session.hosts(), (transport, host) -> {
                String framed = HostGather.framed(transport, host, session.commandTimeout());
                Path file = outDir.resolve(host.name() + ".gather");
                try {
                    OwnFiles.writeString(file, framed, OwnFiles.Access.SHARED);
                } catch (java.io.IOException e) {
                    return new HostOutcome.Fail<>(jts.fleet.controller.transport.FailureClass.COMMAND,
                            "cannot write " + file + ": " + e.getMessage());
                }
                return HostOutcome.ok(file);
            }, r -> {
                if (!output.json()) {
                    FleetReport.progress(context, r);
                }
            });
            var doc = Json.object();
            var hosts = doc.putArray("hosts");
            for (HostResult<Path> r : results) {
                ObjectNode node = FleetReport.hostEntry(r);
                if (r instanceof HostResult.Ok<Path> ok) {
                    node.put("file", ok.value().toString());
                }
                hosts.add(node);
            }
            if (output.json()) {
                context.out().println(Json.pretty(doc));
            } else {
                for (HostResult<Path> r : results) {
                    if (r instanceof HostResult.Ok<Path> ok) {
                        context.out().println(r.host() + ": " + ok.value());
                    }
                }
                FleetReport.printRecap(context.out(), results);
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        });
    }
}
