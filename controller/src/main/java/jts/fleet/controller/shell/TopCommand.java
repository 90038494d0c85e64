package jts.fleet.controller.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.IoStat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code top}: the devices with the worst latency across the selection right now. Every host samples the same
 * interval in parallel; devices are ranked by their worst await (read, write, discard or flush), because
 * latency held over time is what hurts a trading host, not %util or queue depth.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = "The devices with the worst await across the selection right now (one interval on every host).")
final class TopCommand extends SessionFleetCommand {
    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10",
            description = "How many devices to show (default: ${DEFAULT-VALUE}).")
    int count = 10;

    @Mixin
    SampleInterval interval;

    /** One device of one host over the interval. */
    record Row(String host, String tier, DeviceRates rates) {
    }

    TopCommand(AppContext context, ShellSession session) {
        super(context, session);
    }

    @Override
    public Integer call() throws Exception {
        int seconds = interval.checked();
        if (count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        try (FleetSession fleetSession = fleet.open(context)) {
            List<HostResult<IoStat.Interval>> results = DiskSampling.sampleAll(fleetSession, session,
                    fleetSession.hosts(), seconds);
            List<Row> rows = new ArrayList<>();
            for (HostResult<IoStat.Interval> r : results) {
                if (r instanceof HostResult.Ok<IoStat.Interval> ok) {
                    for (DeviceRates d : ok.value().devices()) {
                        if (!RateFormat.idle(d)) {
                            String tier = session.cachedModel(r.host()).flatMap(m -> m.tierOf(d.device())).orElse("-");
                            rows.add(new Row(r.host(), tier, d));
                        }
                    }
                }
            }
            List<Row> worst = rank(rows, count);
            print(worst, rows.size(), seconds);
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        }
    }

    /** Worst await first; ties (e.g. all idle at 0) by host and device so the order is stable. */
    static List<Row> rank(List<Row> rows, int count) {
        return rows.stream()
                .sorted(Comparator.comparingDouble((Row r) -> r.rates().maxAwaitMs()).reversed()
                        .thenComparing(Row::host).thenComparing(r -> r.rates().device()))
                .limit(count).toList();
    }

    private void print(List<Row> worst, int busy, int seconds) {
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("interval_s", seconds);
            ArrayNode devices = doc.putArray("devices");
            for (Row r : worst) {
                ObjectNode node = devices.addObject();
                node.put("host", r.host());
                node.put("tier", r.tier());
                RateFormat.json(node, r.rates());
                node.put("max_await_ms", r.rates().maxAwaitMs());
            }
            context.out().println(Json.pretty(doc));
            return;
        }
        if (worst.isEmpty()) {
            context.out().println("no device did any I/O in the " + seconds + " s interval");
            return;
        }
        TextTable table = new TextTable("HOST", "DEVICE", "TIER", "MAX_AWAIT", "R_AWAIT", "W_AWAIT", "F_AWAIT",
                "R/S", "W/S", "AQU-SZ");
        for (Row r : worst) {
            DeviceRates d = r.rates();
            table.row(r.host(), d.device(), r.tier(), RateFormat.num(d.maxAwaitMs()), RateFormat.num(d.readAwaitMs()),
                    RateFormat.num(d.writeAwaitMs()), RateFormat.num(d.flushAwaitMs()), RateFormat.num(d.readsPerSec()),
                    RateFormat.num(d.writesPerSec()), RateFormat.num(d.avgQueueSize()));
        }
        context.out().print(table.render(context.terminalWidth(), ""));
        context.out().println(worst.size() + " of " + busy + " busy devices, worst await first (ms)");
    }
}
