package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.maintenance.ScheduleCheck;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.remote.systemd.Unit;
import jts.fleet.remote.trim.TrimUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet render ...}: prints or writes the artifacts jts-fleet would push, without connecting. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render generated artifacts (systemd units, udev rules, alert rules, dashboard).",
        subcommands = {RenderCommand.Systemd.class, RenderCommand.Udev.class, MonitorCommands.Alerts.class,
            MonitorCommands.DashboardCommand.class})
public final class RenderCommand extends GroupCommand {

    /** The one host named by {@code --host}, with its effective policy. */
    static HostSpec oneHost(HostSelection fleet, String name) throws Exception {
        return oneHost(fleet.loadInventory(), name);
    }

    static HostSpec oneHost(Inventory inv, String name) throws UsageException {
        return inv.host(name).orElseThrow(() -> new UsageException("--host " + name + ": no such host in "
                + inv.source() + " (known: " + String.join(", ", inv.hostNames()) + ")"));
    }

    @Command(name = "systemd", mixinStandardHelpOptions = true,
            description = "Write jts-fstrim.service and jts-fstrim.timer for one host into DIR (or print them).")
    public static final class Systemd implements Callable<Integer> {
        private final AppContext context;

        @Mixin
        HostSelection fleet;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "Inventory host name.")
        String host;

        @Option(names = "--out", paramLabel = "DIR", description = "Directory to write the units to.")
        Path out;

        public Systemd(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Inventory inv = fleet.loadInventory();
            HostSpec spec = oneHost(inv, host);
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

    @Command(name = "udev", mixinStandardHelpOptions = true,
            description = {"Print the udev rules file apply would push to one host (reads the host's devices:",
                "specific devices are matched by WWN or serial)."})
    public static final class Udev implements Callable<Integer> {
        private final AppContext context;

        @Mixin
        FleetOptions fleet;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "Inventory host name.")
        String host;

        public Udev(AppContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            fleet.selection.hosts = host;
            try (FleetSession session = fleet.open(context)) {
                java.util.List<jts.fleet.controller.fleet.HostResult<jts.fleet.controller.tuning.PlanReport>> results =
                        jts.fleet.controller.tuning.TuningEngine.standard(session.settings()).planFleet(session.runner(),
                                java.util.List.of(oneHost(fleet.selection, host)), r -> { });
                var result = results.get(0);
                if (result instanceof jts.fleet.controller.fleet.HostResult.Ok<jts.fleet.controller.tuning.PlanReport> ok) {
                    context.out().print(ok.value().rules());
                    return ExitCodes.OK;
                }
                FleetReport.printErrors(context.err(), results);
                return FleetReport.exitCode(results);
            }
        }
    }
}
