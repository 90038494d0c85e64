package jts.fleet.controller.cli.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.transport.FailureClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet snapshot}: saves each host's gather output, for bug reports and as test fixtures. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Save each selected host's gather output (the framed text the parser reads) to DIR/<host>.gather.")
public final class Snapshot implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory (default: current).")
    Path outDir;

    public Snapshot(AppContext context) {
        this.context = context;
    }

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
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
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
            }, FleetReport.progress(context, output));
            FleetReport.print(context, output, results, Saved::json, Saved::text, doc -> { });
            return FleetReport.exitCode(results);
        });
    }
}
