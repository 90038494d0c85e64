package jts.fleet.controller.shell;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hosts}: reachability and latency of the session's connection to each selected host. By default each
 * host is probed with one no-op exec on its kept connection (what a command pays per step once connected);
 * {@code --no-probe} only shows what the session knows.
 */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Reachability and latency of the shell's connection to each selected host.")
final class HostsCommand extends SessionFleetCommand {
    @Option(names = "--no-probe", description = "Do not run a no-op on each host; show the last known state only.")
    boolean noProbe;

    HostsCommand(AppContext context, ShellSession session) {
        super(context, session);
    }

    @Override
    public Integer call() throws Exception {
        try (FleetSession fleetSession = fleet.open(context)) {
            List<HostSpec> hosts = fleetSession.hosts();
            Map<String, HostResult<Duration>> probes = Map.of();
            if (!noProbe) {
                List<HostResult<Duration>> results = fleetSession.runner().run(hosts, (transport, host) -> {
                    var result = transport.exec("true", List.of(), new byte[0],
                            fleetSession.settings().commandTimeout(), false);
                    return result.ok() ? HostOutcome.ok(result.elapsed())
                            : HostOutcome.failed("no-op exited " + result.exitCode());
                }, r -> { });
                probes = results.stream().collect(Collectors.toMap(HostResult::host, r -> r));
            }
            ObjectNode doc = Json.object();
            ArrayNode rows = doc.putArray("hosts");
            TextTable table = new TextTable("HOST", "ADDRESS", "STATE", "LATENCY", "RECONNECTS", "ERROR");
            for (HostSpec host : hosts) {
                Optional<SessionTransport> transport = session.transport(host.name());
                HostResult<Duration> probe = probes.get(host.name());
                String state = state(transport, probe);
                Optional<Duration> latency = transport.filter(SessionTransport::used).map(SessionTransport::lastLatency);
                int reconnects = transport.map(SessionTransport::reconnectCount).orElse(0);
                String error = probe != null && probe.isFailure() ? FleetReport.error(probe) : "";
                String address = host.connection() == HostSpec.Connection.LOCAL ? "local"
                        : host.address() + ":" + host.port();
                ObjectNode row = rows.addObject();
                row.put("host", host.name());
                row.put("address", address);
                row.put("state", state);
                if (latency.isPresent()) {
                    row.put("latency_ms", latency.get().toNanos() / 1e6);
                } else {
                    row.putNull("latency_ms");
                }
                row.put("reconnects", reconnects);
                if (error.isEmpty()) {
                    row.putNull("error");
                } else {
                    row.put("error", error);
                }
                table.row(host.name(), address, colored(state),
                        latency.map(HostsCommand::millis).orElse("-"), reconnects, error);
            }
            if (output.json()) {
                context.out().println(Json.pretty(doc));
            } else {
                context.out().print(table.render(context.terminalWidth(), ""));
            }
            return probes.isEmpty() ? ExitCodes.OK : FleetReport.exitCode(List.copyOf(probes.values()));
        }
    }

    /** A failed probe in its result's word ({@link HostResult#status()}), else the connection's state. */
    private static String state(Optional<SessionTransport> transport, HostResult<Duration> probe) {
        if (probe != null && probe.isFailure()) {
            return probe.status();
        }
        if (transport.isEmpty() || !transport.get().used()) {
            return "not connected";
        }
        return transport.get().isConnected() ? "connected" : "disconnected";
    }

    private Colors.Styled colored(String state) {
        return Colors.cell(state, switch (state) {
            case "connected" -> Colors.green(context, state);
            case "unreachable", "failed", "disconnected" -> Colors.red(context, state);
            default -> state;
        });
    }

    static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
