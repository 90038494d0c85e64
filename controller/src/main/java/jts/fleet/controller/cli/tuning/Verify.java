package jts.fleet.controller.cli.tuning;

import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.controller.tuning.VerifyReport;
import picocli.CommandLine.Command;

/** {@code jts-fleet verify}: every tuned setting checked; exit 3 on drift. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every tuned setting: exit 0 when all match, 3 on drift.",
            "Each finding names host, device, attribute, expected, actual and the likely culprit."})
public final class Verify extends FleetCommand {

    @Override
    protected int run(FleetSession session) throws Exception {
        List<HostResult<VerifyReport>> results = TuningEngine.standard(session.settings()).verifyFleet(
                session.runner(), session.hosts(), progress());
        FleetReport.print(context, output, results, VerifyReport::json, VerifyReport::text, doc -> { });
        int code = FleetReport.exitCode(results);
        if (code == ExitCodes.OK && TuningEngine.anyDrift(results)) {
            return ExitCodes.DRIFT;
        }
        return code;
    }
}
