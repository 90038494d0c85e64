package jts.fleet.controller.shell;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.remote.model.HostText;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.IoStat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diskstats [DEVICE]}: iostat -x of one host right now, from two samples of /proc/diskstats. */
@Command(name = "diskstats", mixinStandardHelpOptions = true,
        description = {"Live iostat-like view of ONE host: two samples of /proc/diskstats INTERVAL apart.",
            "%%util is shown only for one-at-a-time devices (meaningless on NVMe/SSD and dm/md)."})
final class DiskstatsCommand extends SessionFleetCommand {
    @Parameters(arity = "0..1", paramLabel = "DEVICE", description = "Only this device (kernel name, e.g. nvme0n1).")
    String device;

    @Mixin
    SampleInterval interval;

    @Option(names = {"-a", "--all"}, description = "Also show devices without I/O in the interval.")
    boolean all;

    DiskstatsCommand(AppContext context, ShellSession session) {
        super(context, session);
    }

    @Override
    public Integer call() throws Exception {
        int seconds = interval.checked();
        if (device != null && !BlockDevice.isValidName(device)) {
            throw new UsageException("invalid device name '" + device + "' (kernel names like nvme0n1, sda, dm-0)");
        }
        try (FleetSession fleetSession = fleet.open(context)) {
            List<HostSpec> hosts = fleetSession.hosts();
            if (hosts.size() != 1) {
                throw new UsageException("diskstats shows one host; '" + fleet.pattern(context) + "' selects "
                        + UseCommand.describe(hosts) + ": add -H HOST");
            }
            HostSpec host = hosts.get(0);
            List<HostResult<IoStat.Interval>> results = DiskSampling.sampleAll(fleetSession, session, hosts, seconds);
            HostResult<IoStat.Interval> result = results.get(0);
            if (result instanceof HostResult.Ok<IoStat.Interval> ok) {
                List<DeviceRates> rows = select(ok.value());
                if (device != null && rows.isEmpty()) {
                    throw new UsageException(host.name() + ": no device '" + device + "' in /proc/diskstats");
                }
                print(host, ok.value(), rows);
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        }
    }

    private List<DeviceRates> select(IoStat.Interval interval) {
        List<DeviceRates> rows = new ArrayList<>();
        for (DeviceRates r : interval.devices()) {
            if (device != null ? r.device().equals(device) : all || !RateFormat.idle(r)) {
                rows.add(r);
            }
        }
        return rows;
    }

    private void print(HostSpec host, IoStat.Interval interval, List<DeviceRates> rows) {
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("host", host.name());
            doc.put("interval_s", interval.seconds());
            ArrayNode devices = doc.putArray("devices");
            rows.forEach(r -> RateFormat.json(devices.addObject(), r));
            ArrayNode reset = doc.putArray("reset");
            interval.reset().forEach(reset::add);
            context.out().println(Json.pretty(doc));
            return;
        }
        context.out().printf(java.util.Locale.ROOT, "%s: %.2f s between samples%n", host.name(), interval.seconds());
        TextTable table = new TextTable("DEVICE", "R/S", "W/S", "RKB/S", "WKB/S", "R_AWAIT", "W_AWAIT", "F_AWAIT",
                "AQU-SZ", "%UTIL");
        for (DeviceRates r : rows) {
            table.row(r.stacked() ? r.device() + " (stacked)" : r.device(), RateFormat.num(r.readsPerSec()),
                    RateFormat.num(r.writesPerSec()), RateFormat.num(r.readKbPerSec()),
                    RateFormat.num(r.writeKbPerSec()), RateFormat.num(r.readAwaitMs()),
                    RateFormat.num(r.writeAwaitMs()), RateFormat.num(r.flushAwaitMs()),
                    RateFormat.num(r.avgQueueSize()), RateFormat.util(r));
        }
        if (rows.isEmpty()) {
            context.out().println("no device did any I/O in the interval (--all shows every device)");
        } else {
            context.out().print(table.render(context.terminalWidth(), ""));
        }
        if (!interval.reset().isEmpty()) {
            context.out().println("counters reset (device re-added?), no rates this time: "
                    + HostText.escape(String.join(", ", interval.reset())));
        }
    }
}
