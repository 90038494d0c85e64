package jts.fleet.controller.cli.bench;

import java.util.List;
import java.util.Optional;

import jts.fleet.controller.bench.BenchEngine;
import jts.fleet.controller.bench.BenchRequest;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.bench.BenchText;
import jts.fleet.controller.cli.ChangeOptions;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.change.ChangeItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jts-fleet bench run}: fio on each host's tier mounts, a directory or a device; one stored document per host. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run fio profiles on each host's tier mounts or a directory; store one document per host.",
            "Refused inside a blackout window unless --force. Ctrl-C kills the remote fio and cleans up."})
public final class Run extends MeasuringCommand<BenchRequest> {

    @Option(names = "--profile", paramLabel = "NAME", split = ",", defaultValue = "baseline",
            description = "Profiles or suites (baseline: the spec's sequential read/write and 4k QD32; quick, db, all), comma separated (default: ${DEFAULT-VALUE}).")
    List<String> profiles;

    @Option(names = "--tier", paramLabel = "NAME", description = "Every mount of this tier on each host.")
    String tier;

    @Option(names = "--target", paramLabel = "DIR", description = "A directory on each host.")
    String target;

    @Option(names = "--device", paramLabel = "/dev/X", description = "A raw block device (needs --destructive).")
    String device;

    @Option(names = "--destructive", description = "Confirm that --device's data will be overwritten.")
    boolean destructive;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", description = "Label stored with the run.")
    String label;

    @Option(names = "--allow-network", description = "With --tier: also the tier's NFS/CIFS mounts (the cold "
            + "tier), at most 256 MiB per job (a NAS is shared with other hosts).")
    boolean allowNetwork;

    public Run() {
        super("bench run");
    }

    @Override
    BenchRequest request() throws UsageException {
        BenchRequest request = new BenchRequest(profiles, Optional.ofNullable(target), Optional.ofNullable(tier),
                sizing.parameters(), label, override.force(), Optional.ofNullable(device), destructive, allowNetwork);
        BenchProfiles.embedded().resolve(profiles);
        return request;
    }

    @Override
    ChangeOptions.Gate begin(FleetSession session) throws Exception {
        return change.beginOutsideFreeze(context, session, "bench run", override, Run::benchItems);
    }

    @Override
    int measure(FleetSession session, ChangeOptions.Gate gate) throws Exception {
        BenchStore results = store.open();
        BenchEngine engine = engine(session, results, BenchProfiles.embedded(), gate.control());
        FleetRunner runner = gate.control().runner(session.runner(session.settings().runTimeoutOr(
                () -> engine.runDeadline(request, gate.allowed(), session.runner().forks(), 4))));
        BenchEngine.BenchRun run = withShutdownHook(engine::cleanupActive, "jts-fleet-bench-cleanup",
                () -> {
                    try (Progress ticker = new Progress(context, session.hosts().size(), !output.json())) {
                        var listener = progress();
                        return engine.run(gate.control().runId().orElseGet(engine::newRunId), request,
                                gate.allowed(), runner, r -> {
                                    ticker.hostDone();
                                    listener.accept(r);
                                });
                    }
                });
        gate.control().end(context);
        FleetReport.print(context, output, run.results(), docs -> java.util.Map.of("documents", docs),
                BenchText::documents, doc -> doc.put("run_id", run.runId()));
        if (!output.json()) {
            boolean stored = run.results().stream().anyMatch(r -> r instanceof HostResult.Ok<List<BenchDocument>> ok
                    && !ok.value().isEmpty());
            context.out().println("run " + run.runId() + (stored ? " stored in " + results.root()
                    : ": nothing stored (no host produced a result)"));
        }
        return gate.refusedOr(FleetReport.exitCode(run.results()));
    }

    /** For the change record of a bench run: each target measured, with its profiles (fio's files are removed after). */
    static List<ChangeItem> benchItems(Object value) {
        if (!(value instanceof List<?> documents)) {
            return List.of();
        }
        return documents.stream().filter(BenchDocument.class::isInstance).map(BenchDocument.class::cast)
                .map(d -> ChangeItem.of(d.target().path(), "fio", null,
                        d.profiles().stream().map(p -> p.summary().profile()).collect(java.util.stream.Collectors
                                .joining(",")), ChangeItem.Result.OK)
                        .withNote("benchmark run " + d.runId() + ": test files written and removed"))
                .toList();
    }
}
