package jts.fleet.controller.cli.render;

import java.nio.file.Path;
import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.remote.systemd.Unit;
import jts.fleet.remote.trim.TrimUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet render systemd --host H}: the TRIM units of one host, printed or written; connects nowhere. */
@Command(name = "systemd", mixinStandardHelpOptions = true,
        description = "Write jts-fstrim.service and jts-fstrim.timer for one host into DIR (or print them).")
public final class Systemd extends AppCommand {
    @Mixin
    HostSelection fleet;

    @Mixin
    HostOption host;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write the units to.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Inventory inv = fleet.loadInventory();
        HostSpec spec = host.in(inv);
        // a schedule that starts inside a blackout window is an inventory error (exit 2), as for trim install
        ScheduleCheck.requireSafe(inv.source(), List.of(spec), context.clock().instant());
        for (Unit unit : TrimUnits.render(spec.name(), spec.policy().maintenance())) {
            if (out == null) {
                context.out().println("# " + unit.fileName());
                context.out().print(unit.render());
                context.out().println();
            } else {
                Path file = out.resolve(unit.fileName());
                OwnFiles.writeString(file, unit.render(), OwnFiles.Access.SHARED);
                context.out().println("wrote " + file);
            }
        }
        return ExitCodes.OK;
    }
}
