package jts.fleet.controller.cli.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.DurationConverter;
import jts.fleet.controller.cli.FleetCommand;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.monitor.WatchEngine;
import jts.fleet.controller.monitor.WatchOptions;
import jts.fleet.controller.monitor.WatchTarget;
import jts.fleet.controller.monitor.WatchView;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.StorageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet watch}: the live fleet I/O view. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Live fleet I/O view (iostat -x semantics), worst devices first.",
            "One sampler per host streams its counters, stamped with the host's clock, over a persistent",
            "connection: a slow login shell is paid once, rates follow the host's clock, a late host shows",
            "a gap. Breaches of the tier thresholds are highlighted. -o json: one JSON object per interval."})
public final class Watch extends FleetCommand {
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Sampling interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N intervals (default: until interrupted).")
    long count;

    @Option(names = "--tier", paramLabel = "NAME", split = ",", description = "Only devices of these tiers.")
    Set<String> tiers = Set.of();

    @Option(names = "--device", paramLabel = "GLOB", split = ",", description = "Only devices matching these globs.")
    List<String> devices = List.of();

    @Option(names = "--all-devices", description = "Also show idle devices outside every tier.")
    boolean showIdle;

    /** The options above, checked ({@link #checkOptions}). */
    private WatchOptions options;

    @Override
    protected void checkOptions() throws UsageException {
        if (interval.isZero() || interval.isNegative()) {
            throw new UsageException("--interval must be above zero");
        }
        try {
            options = new WatchOptions(interval, count, Set.copyOf(tiers), List.copyOf(devices), showIdle,
                    WatchOptions.defaultTimeout(interval));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        Map<HostSpec, StorageModel> models = Hosts.gatherAll(context, session, progress());
        if (models.isEmpty()) {
            return FleetReport.exitCode(List.of()) == 0 ? ExitCodes.HOST_UNREACHABLE : ExitCodes.HOST_FAILED;
        }
        List<WatchTarget> targets = new ArrayList<>();
        models.forEach((host, model) -> targets.add(WatchTarget.of(host, model)));
        boolean ansi = Colors.enabled(context);
        try (WatchEngine engine = new WatchEngine(targets, Hosts.transports(session), options,
                session.settings().clock())) {
            engine.run(tick -> {
                if (output.json()) {
                    context.out().println(WatchView.json(tick));
                } else {
                    if (ansi) {
                        context.out().print("\u001b[H\u001b[2J");
                    }
                    context.out().print(WatchView.text(tick, ansi));
                    context.out().println();
                }
                context.out().flush();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return models.size() == session.hosts().size() ? ExitCodes.OK : ExitCodes.HOST_FAILED;
    }
}
