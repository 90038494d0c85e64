package jts.fleet.controller.shell;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.model.HostText;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.HostReads.Journal;
import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.trim.TrimUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code journal [UNIT]}: the recent journal of jts-fleet's own units on each selected host. Only {@code jts-*}
 * units can be asked for (this is not a general remote journalctl); a host without systemd says so.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Recent journal lines of jts-fleet's units (default: all jts-* units) on each selected host.")
final class JournalCommand implements Callable<Integer> {
    /** The units jts-fleet installs, offered by completion. */
    static final List<String> UNITS = List.of(TrimUnits.SERVICE_NAME, TrimUnits.TIMER_NAME,
            MonitorUnits.SERVICE_NAME, MonitorUnits.TIMER_NAME);
    static final String ALL_UNITS = "jts-*";
    static final int MAX_LINES = 1000;
    private static final Pattern UNIT = Pattern.compile("jts-[A-Za-z0-9@._-]{1,80}");

    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "UNIT",
            description = "A jts-fleet unit, e.g. jts-fstrim.service (default: every jts-* unit).")
    String unit;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
            description = "Lines per host, 1.." + MAX_LINES + " (default: ${DEFAULT-VALUE}).")
    int lines = 50;

    JournalCommand(AppContext context) {
        this.context = context;
    }

    /** A unit name as given, checked: only jts-fleet's own units, no globs other than the default. */
    static String validUnit(String given) throws UsageException {
        if (given == null) {
            return ALL_UNITS;
        }
        if (!UNIT.matcher(given).matches()) {
            throw new UsageException("unit '" + given + "' is not a jts-fleet unit (jts-..., e.g. "
                    + String.join(", ", UNITS) + ")");
        }
        return given;
    }

    @Override
    public Integer call() throws Exception {
        String checkedUnit = validUnit(unit);
        if (lines < 1 || lines > MAX_LINES) {
            throw new UsageException("--lines must be 1.." + MAX_LINES + ", got " + lines);
        }
        try (FleetSession session = fleet.open(context)) {
            List<HostResult<Journal>> results = session.runner().run(session.hosts(), (transport, host) -> {
                ExecResult r = HostScriptRunner.exec(transport, host, HostReads.journalScript(),
                        List.of(checkedUnit, Integer.toString(lines)), new byte[0], session.settings().commandTimeout(),
                        true);
                return HostOutcome.ok(parse(host.name(), r));
            }, r -> { });
            if (output.json()) {
                ObjectNode doc = Json.object();
                doc.put("unit", checkedUnit);
                ArrayNode hosts = doc.putArray("hosts");
                for (HostResult<Journal> r : results) {
                    ObjectNode node = FleetReport.hostEntry(r);
                    if (r instanceof HostResult.Ok<Journal> ok) {
                        if (ok.value().absentReason() != null) {
                            node.put("absent", ok.value().absentReason());
                        } else {
                            node.putNull("absent");
                        }
                        ArrayNode array = node.putArray("lines");
                        ok.value().lines().forEach(array::add);
                    }
                    hosts.add(node);
                }
                context.out().println(Json.pretty(doc));
            } else {
                for (HostResult<Journal> r : results) {
                    if (r instanceof HostResult.Ok<Journal> ok) {
                        context.out().println(Colors.bold(context, "== " + r.host() + " (" + checkedUnit + ")"));
                        if (ok.value().absentReason() != null) {
                            context.out().println("no journal: " + HostText.escape(ok.value().absentReason()));
                        }
                        ok.value().lines().forEach(line -> context.out().println(HostText.escape(line)));
                    }
                }
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        }
    }

    /** The journal read of one host (parsed by {@link HostReads#parseJournal}); an unusable answer fails it. */
    static Journal parse(String host, ExecResult r) throws TransportException {
        try {
            return HostReads.parseJournal(host, r.stdoutText(), r.exitCode(), r.stderr());
        } catch (HostReads.ReadFailure e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }
}
