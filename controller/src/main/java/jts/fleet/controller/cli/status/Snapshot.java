package jts.fleet.controller.cli.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.FailureClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet snapshot}: saves each host's gather output, for bug reports and as test fixtures. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Save each selected host's gather output (the framed text the parser reads) to DIR/<host>.gather.")
public final class Snapshot extends FleetCommand {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory (default: current).")
    Path outDir;

    /** One host's saved gather output: where (absolute, so a script can use it from anywhere) and how large. */
    record Saved(String host, Path file, long bytes) {
        Map<String, Object> json() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("file", file.toString());
            fields.put("bytes", bytes);
            return fields;
        }

        String text() {
            return host + ": " + file + " (" + bytes + " bytes)";
        }
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        Path dir = outDir.toAbsolutePath().normalize();
        OwnFiles.createDirectories(dir, OwnFiles.Access.SHARED);
        List<HostResult<Saved>> results = session.runner().run(session.hosts(), (transport, host) -> {
            byte[] framed = HostGather.framed(transport, host, session.commandTimeout())
                    .getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve(host.name() + ".gather");
            try {
                OwnFiles.write(file, framed, OwnFiles.Access.SHARED);
            } catch (java.io.IOException e) {
                return new HostOutcome.Fail<>(FailureClass.COMMAND, "cannot write " + file + ": " + e.getMessage());
            }
            return HostOutcome.ok(new Saved(host.name(), file, framed.length));
        }, progress());
        FleetReport.print(context, output, results, Saved::json, Saved::text, doc -> { });
        return FleetReport.exitCode(results);
    }
}
