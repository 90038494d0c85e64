package jts.fleet.controller.cli.monitor;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.monitor.MonitorEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet monitor run-once}: the pushed metrics script, now, and what it wrote. */
@Command(name = "run-once", mixinStandardHelpOptions = true,
        description = "Run the pushed metrics script now and print, per host, the metrics it wrote.")
public final class RunOnce implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    FleetOptions fleet;
    @Mixin
    OutputOptions output;

    public RunOnce(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
            MonitorEngine engine = MonitorEngine.of(session.settings());
            List<HostResult<MonitorEngine.RunOnceReport>> results = session.runner().run(session.hosts(),
                    (transport, host) -> {
                        jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "monitor run-once");
                        return HostOutcome.ok(engine.runOnce(transport, host));
                    }, FleetReport.progress(context, output));
            FleetReport.print(context, output, results, r -> r,
                    r -> "# " + r.host() + " (exit " + r.scriptExit() + ")\n" + r.textfile(), doc -> { });
            return FleetReport.exitCode(results);
        });
    }
}
