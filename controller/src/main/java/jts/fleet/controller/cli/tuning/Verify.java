package jts.fleet.controller.cli.tuning;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.FleetOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.controller.tuning.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jts-fleet verify}: every tuned setting checked; exit 3 on drift. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every tuned setting: exit 0 when all match, 3 on drift.",
            "Each finding names host, device, attribute, expected, actual and the likely culprit."})
public final class Verify implements Callable<Integer> {
    private final AppContext context;
    @Mixin
    FleetOptions fleet;
    @Mixin
    OutputOptions output;

    public Verify(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
            List<HostResult<VerifyReport>> results = TuningEngine.standard(session.settings()).verifyFleet(
                    session.runner(), session.hosts(), FleetReport.progress(context, output));
            FleetReport.print(context, output, results, VerifyReport::json, VerifyReport::text, doc -> { });
            int code = FleetReport.exitCode(results);
            if (code == ExitCodes.OK && TuningEngine.anyDrift(results)) {
                return ExitCodes.DRIFT;
            }
            return code;
        });
    }
}
