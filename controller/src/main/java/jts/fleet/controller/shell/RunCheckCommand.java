package jts.fleet.controller.shell;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.remote.check.Finding;
import jts.fleet.remote.check.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run-check CHECK}: one named check on the selection, from one fresh gather per host (which also
 * refreshes the session's snapshot cache). Exit 3 when any finding is a warning or failure, as {@code verify}
 * does for drift.
 */
@Command(name = "run-check", mixinStandardHelpOptions = true,
        description = "Run one named check on the selection (--list shows them); exit 3 when anything is off.")
final class RunCheckCommand implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "CHECK", description = "The check: scheduler, read-ahead, discard, tuned, udev-rules, trim-log.")
    String checkName;

    @Option(names = "--list", description = "List the checks and exit.")
    boolean list;

    RunCheckCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (list || checkName == null) {
            TextTable table = new TextTable("CHECK", "WHAT");
            HostCheck.ALL.forEach(c -> table.row(c.name(), c.description()));
            context.out().print(table.render(context.terminalWidth(), ""));
            return list ? ExitCodes.OK : ExitCodes.USAGE;
        }
        HostCheck check = HostCheck.named(checkName).orElseThrow(() -> new UsageException("unknown check '"
                + checkName + "' (checks: " + String.join(", ", HostCheck.names()) + ")"));
        try (FleetSession session = fleet.open(context)) {
            Instant now = context.clock().instant();
            List<HostResult<List<Finding>>> results = session.runner().run(session.hosts(), (transport, host) ->
                    HostOutcome.ok(check.run(host, HostGather.model(transport, host, session.commandTimeout()), now)),
                    r -> { });
            boolean anythingOff = false;
            ObjectNode doc = Json.object();
            doc.put("check", check.name());
            ArrayNode hosts = doc.putArray("hosts");
            TextTable table = new TextTable("HOST", "LEVEL", "SUBJECT", "FINDING");
            for (HostResult<List<Finding>> r : results) {
                ObjectNode node = FleetReport.hostEntry(r);
                ArrayNode findings = node.putArray("findings");
                if (r instanceof HostResult.Ok<List<Finding>> ok) {
                    for (Finding f : ok.value()) {
                        anythingOff |= f.severity() != Severity.OK;
                        ObjectNode fn = findings.addObject();
                        fn.put("level", level(f.severity()));
                        fn.put("subject", f.subject());
                        fn.put("message", f.message());
                        table.row(r.host(), levelCell(f.severity()), f.subject(), f.message());
                    }
                } else {
                    table.row(r.host(), Colors.statusCell(context, r.status()), "-", "see error below");
                }
                hosts.add(node);
            }
            if (output.json()) {
                context.out().println(Json.pretty(doc));
            } else {
                context.out().print(table.render(context.terminalWidth(), ""));
            }
            FleetReport.printErrors(context.err(), results);
            int hostCode = FleetReport.exitCode(results);
            return hostCode != ExitCodes.OK ? hostCode : anythingOff ? ExitCodes.DRIFT : ExitCodes.OK;
        }
    }

    /**
     * The word {@code run-check} shows for a severity, in its table and its JSON {@code level}: ok, warn, fail (a
     * host check never finds UNKNOWN: a host it could not read is a failed host, shown as such).
     */
    static String level(Severity severity) {
        return switch (severity) {
            case OK -> "ok";
            case WARNING -> "warn";
            case CRITICAL -> "fail";
            case UNKNOWN -> "unknown";
        };
    }

    private Colors.Styled levelCell(Severity severity) {
        String word = level(severity);
        return Colors.cell(word, switch (severity) {
            case OK -> Colors.green(context, word);
            case WARNING -> Colors.yellow(context, word);
            case CRITICAL, UNKNOWN -> Colors.red(context, word);
        });
    }
}
