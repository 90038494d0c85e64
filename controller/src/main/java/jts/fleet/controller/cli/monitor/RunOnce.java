package jts.fleet.controller.cli.monitor;

import java.util.List;

import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.monitor.MonitorEngine;
import picocli.CommandLine.Command;

/** {@code jts-fleet monitor run-once}: the pushed metrics script, now, and what it wrote. */
@Command(name = "run-once", mixinStandardHelpOptions = true,
        description = "Run the pushed metrics script now and print, per host, the metrics it wrote.")
public final class RunOnce extends FleetCommand {

    @Override
    protected int run(FleetSession session) throws Exception {
        MonitorEngine engine = MonitorEngine.of(session.settings());
        List<HostResult<MonitorEngine.RunOnceReport>> results = session.runner().run(session.hosts(),
                (transport, host) -> {
                    jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "monitor run-once");
                    return HostOutcome.ok(engine.runOnce(transport, host));
                }, progress());
        FleetReport.print(context, output, results, r -> r,
                r -> "# " + r.host() + " (exit " + r.scriptExit() + ")\n" + r.textfile(), doc -> { });
        return FleetReport.exitCode(results);
    }
}
