package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.fleet.FleetRunner;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.controller.tuning.TuningPaths;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchOutput;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.bench.BenchTarget;
import jts.fleet.remote.bench.FioJobFile;
import jts.fleet.remote.bench.FioJsonParser;
import jts.fleet.remote.bench.FioParseException;
import jts.fleet.remote.bench.FioProfile;
import jts.fleet.remote.bench.FioSummarizer;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.TargetDevices;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * {@code bench run}: on every host (through a {@link FleetRunner}) resolve the target's devices, run the fixed
 * {@code bench.sh} with the rendered job files on stdin, parse, summarise and store one document per host and
 * target. When a host's run is interrupted (Ctrl-C, deadline, closed transport) {@code bench-cleanup.sh} is run
 * on that host before the task returns, so no fio and no test file is left behind; {@link #cleanupActive}
 * does the same for a JVM shutdown hook.
 */
public final class BenchEngine {
    /** Time for the scripts around fio (probes, layout of large files is budgeted per profile). */
    private static final Duration SCRIPT_OVERHEAD = Duration.ofSeconds(60);

    private final BenchProfiles profiles;
    private final BenchStore store;
    private final RunSettings settings;
    private final TargetResolver resolver;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper mapper = jts.fleet.remote.json.JsonMappers.mapper();
    /** Runs in flight, so an interrupt or shutdown hook can clean them up: key host + run dir. */
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private volatile jts.fleet.controller.fleet.HostRecording recording = jts.fleet.controller.fleet.HostRecording.NONE;
    /** Where every host records its runs instead of its own state directory ({@link #recordingIn}; tests). */
    private volatile Optional<String> stateDirOverride = Optional.empty();

    private record Active(Transport transport, HostSpec host, String target, String runId) {
    }

    /** The stored documents of one run, per host (or the host's failure). */
    public record BenchRun(String runId, List<HostResult<List<BenchDocument>>> results) {
        public BenchRun {
            results = List.copyOf(results);
        }
    }

    /**
     * @param settings the command's: its clock (run ids, documents, blackout windows), the deadline of the short
     *                 scripts around fio (device probe, cleanup) and what one bench.sh run may print (its fio
     *                 documents, {@link OutputLimits#documentBytes()}); bench.sh's own deadline follows from the
     *                 request ({@link #execTimeout})
     */
    public BenchEngine(BenchProfiles profiles, BenchStore store, RunSettings settings, TargetResolver resolver) {
        this.profiles = profiles;
        this.store = store;
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.resolver = resolver;
    }

    /** The command's settings this engine runs with (the experiment engine's too). */
    RunSettings settings() {
        return settings;
    }

    /**
     * From now on, bench.sh records each run on the host ({@code changes.jsonl}) with the context {@code value}
     * gives (set once, before the runs start); returns this engine.
     */
    public BenchEngine recordedBy(jts.fleet.controller.fleet.HostRecording value) {
        this.recording = java.util.Objects.requireNonNull(value, "value");
        return this;
    }

    /**
     * From now on, a recorded run's {@code changes.jsonl} is in {@code dir} on each host instead of the host's
     * state directory ({@link #stateDir}; tests: a temporary directory); returns this engine.
     *
     * @throws IllegalArgumentException unless {@code dir} is a plain absolute path ({@link TuningScripts#validPath})
     */
    public BenchEngine recordingIn(String dir) {
        this.stateDirOverride = Optional.of(TuningScripts.requireValidPath("state directory", dir));
        return this;
    }

    /**
     * Where bench.sh records a run on {@code host}: the host's state directory as tuning, queue-set.sh and
     * {@code history --from-hosts} see it ({@link TuningPaths#forHost}: under its sysroot, if any), unless
     * {@link #recordingIn} named another.
     */
    String stateDir(HostSpec host) {
        return stateDirOverride.orElseGet(() -> TuningPaths.forHost(host).stateDir());
    }

    /** Time-based and sortable, plus 16 random bits: {@code 20261126T041500Z-9f3a}. */
    public String newRunId() {
        return jts.fleet.remote.change.RunIds.next(settings.clock(), random);
    }

    /**
     * Runs {@code request} on {@code hosts}; results stream to {@code listener} as hosts finish. Stored documents
     * are in the results. Returns after every host task finished its cleanup, also when interrupted.
     */
    public BenchRun run(BenchRequest request, List<HostSpec> hosts, FleetRunner runner,
                        Consumer<? super HostResult<List<BenchDocument>>> listener) {
        return run(newRunId(), request, hosts, runner, listener);
    }

    /** The same under a given run id (the change record's: one id names the run in both places). */
    public BenchRun run(String runId, BenchRequest request, List<HostSpec> hosts, FleetRunner runner,
                        Consumer<? super HostResult<List<BenchDocument>>> listener) {
        // resolve profile names before touching any host: a typo fails the command, not every host
        for (HostSpec host : hosts) {
            profiles.withPolicy(host.policy()).resolve(request.profiles());
        }
        List<HostResult<List<BenchDocument>>> results = runner.run(hosts, (transport, host) -> runHost(runId, request, host,
                transport), listener);
        awaitCleanups(settings.commandTimeout());
        return new BenchRun(runId, results);
    }

    /** The per-host task: refuses in a blackout window, then measures every target and stores the documents. */
    public HostOutcome<List<BenchDocument>> runHost(String runId, BenchRequest request, HostSpec host, Transport transport)
            throws TransportException {
        jts.fleet.controller.gather.Sysroots.refuseSysroot(host, "bench run");
        ZonedDateTime now = ZonedDateTime.now(settings.clock());
        Optional<String> frozen = request.force() ? Optional.empty() : ChangeFreeze.refusal(host, "bench run", now);
        if (frozen.isPresent()) {
            return new HostOutcome.Fail<>(FailureClass.COMMAND, frozen.get());
        }
        List<FioProfile> selected = profiles.withPolicy(host.policy()).resolve(request.profiles());
        List<String> targets;
        try {
            targets = request.device().isPresent() ? List.of(request.device().get()) : resolver.targets(host, transport, request);
        } catch (IllegalArgumentException e) {
            // no such tier, no mount of it: a per-host answer, not an internal error
            return new HostOutcome.Fail<>(FailureClass.COMMAND, e.getMessage());
        }
        List<BenchDocument> docs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            boolean raw = request.device().isPresent();
            String target = raw ? BenchTarget.checkDevicePath(targets.get(i)) : BenchTarget.checkPath(targets.get(i));
            HostMeasurement m;
            try {
                m = measure(transport, host, target, runId, selected, request.parameters(), raw);
            } catch (BenchFailure e) {
                return new HostOutcome.Fail<>(FailureClass.COMMAND, e.getMessage());
            }
            BenchDocument doc = document(runId, host, request, target, m);
            try {
                store.save(doc, targets.size() == 1 ? host.name() : host.name() + "~" + (i + 1));
            } catch (IOException e) {
                return new HostOutcome.Fail<>(FailureClass.COMMAND, host.name() + ": storing results in " + store.root()
                        + ": " + e.getMessage());
            }
            docs.add(doc);
        }
        return new HostOutcome.Done<>(docs, false);
    }

    /**
     * Runs the profiles once on one target: devices first, then bench.sh. Used by {@code bench run} and by
     * experiments. Cleans up on the host when interrupted.
     */
    public HostMeasurement measure(Transport transport, HostSpec host, String target, String runId,
                                   List<FioProfile> selected, BenchParameters parameters)
            throws TransportException, BenchFailure {
        return measure(transport, host, target, runId, selected, parameters, false);
    }

    /** With {@code rawDevice}: {@code target} is a block device that bench.sh overwrites (after its safety checks). */
    public HostMeasurement measure(Transport transport, HostSpec host, String target, String runId,
                                   List<FioProfile> selected, BenchParameters parameters, boolean rawDevice)
            throws TransportException, BenchFailure {
        if (rawDevice) {
            BenchTarget.checkDevicePath(target);
        } else {
            BenchTarget.checkPath(target);
        }
        BenchTarget.checkRunId(runId);
        TargetDevices devices = devices(transport, host, target);
        List<String> args = new ArrayList<>();
        String context = recording.contextLine(host);
        if (!context.isEmpty()) {
            String stateDir = stateDir(host);
            if (!stateDir.equals(TuningScripts.DEFAULT_STATE_DIR)) {
                args.addAll(List.of("--state-dir", stateDir));
            }
            args.addAll(List.of("--change", context));
        }
        if (rawDevice) {
            args.add("--device");
        }
        args.addAll(List.of(target, runId, Integer.toString(parameters.runtimeSeconds()),
                Long.toString(rawDevice ? regionBytes(selected, parameters) : requiredBytes(selected, parameters))));
        StringBuilder stdin = new StringBuilder();
        for (FioProfile p : selected) {
            args.add(p.name());
            stdin.append("@@profile ").append(p.name()).append('\n').append(FioJobFile.render(p, parameters, rawDevice));
        }
        Duration timeout = execTimeout(selected, parameters, rawDevice);
        // bench.sh keeps a raw device run's job files in /tmp/.jts-fleet-bench-<runId>
        String workParent = rawDevice ? "/tmp" : target;
        String key = host.name() + "\u0000" + target + "\u0000" + runId;
        active.put(key, new Active(transport, host, workParent, runId));
        ExecResult result;
        try {
            result = HostScriptRunner.exec(transport, host, BenchScripts.BENCH.text(), args,
                    stdin.toString().getBytes(StandardCharsets.UTF_8), timeout, true, settings.output().documentBytes());
        } catch (TransportException e) {
            cleanup(transport, host, workParent, runId);
            throw e;
        } finally {
            active.remove(key);
        }
        BenchOutput out;
        try {
            out = BenchOutput.parse(result.stdoutText(), host.name());
        } catch (FioParseException e) {
            throw new BenchFailure(e.getMessage() + stderrHint(result), e);
        }
        if (out.error().isPresent()) {
            throw new BenchFailure(host.name() + ": " + target + ": " + out.error().get() + " (bench.sh exit " + result.exitCode() + ")");
        }
        List<ProfileSummary> summaries = new ArrayList<>();
        for (BenchOutput.ProfileRun run : out.profiles()) {
            FioProfile profile = selected.stream().filter(p -> p.name().equals(run.profile())).findFirst()
                    .orElseThrow(() -> new BenchFailure(host.name() + ": bench.sh reported unknown profile " + run.profile()));
            if (run.exitCode() != 0) {
                throw new BenchFailure(host.name() + ": " + target + ": fio failed for profile " + run.profile() + " (exit "
                        + run.exitCode() + "): " + firstLines(run.stderr()));
            }
            try {
                summaries.add(FioSummarizer.summarize(run.profile(),
                        FioJsonParser.parse(run.fioJson(), host.name() + "/" + run.profile()),
                        out.direct() && !profile.buffered(), !out.direct()));
            } catch (FioParseException e) {
                throw new BenchFailure(e.getMessage() + (run.stderr().isEmpty() ? "" : " (fio stderr: " + firstLines(run.stderr()) + ")"), e);
            }
        }
        return new HostMeasurement(host.name(), devices, out, summaries);
    }

    TargetDevices devices(Transport transport, HostSpec host, String target) throws TransportException, BenchFailure {
        ExecResult r = HostScriptRunner.exec(transport, host, BenchScripts.DEVICES.text(), List.of(target),
                new byte[0], settings.commandTimeout(), true);
        try {
            return TargetDevices.parse(r.stdoutText(), host.name());
        } catch (FioParseException e) {
            throw new BenchFailure(e.getMessage() + stderrHint(r), e);
        }
    }

    private BenchDocument document(String runId, HostSpec host, BenchRequest request, String target, HostMeasurement m) {
        List<BenchDocument.ProfileResult> results = new ArrayList<>();
        for (int i = 0; i < m.summaries().size(); i++) {
            BenchOutput.ProfileRun run = m.output().profiles().get(i);
            JsonNode fio;
            try {
                fio = FioJsonParser.document(run.fioJson(), host.name() + "/" + run.profile());
            } catch (FioParseException e) {
                throw new IllegalStateException("parsed once, must parse again", e);
            }
            results.add(new BenchDocument.ProfileResult(m.summaries().get(i), run.exitCode(), run.stderr(), run.fioWallMs(),
                    run.layoutDoneMs() - run.startMs(), fio));
        }
        return new BenchDocument(BenchDocument.SCHEMA, runId, host.name(), request.tier().orElse(null), request.label(),
                ZonedDateTime.now(settings.clock()).withZoneSameInstant(ZoneOffset.UTC).toString(), m.output().kernel(),
                m.output().fioVersion(), m.output().engine(), m.output().direct(), m.output().directNote(), m.devices(),
                request.parameters().runtimeSeconds(), request.parameters().sizeBytes(), results);
    }

    /**
     * The deadline of one bench.sh run: per profile its runtime, writing its files at a pessimistic 20 MiB/s and
     * fio's start/stop; for a raw device the fill of the region; plus the probes.
     */
    public static Duration execTimeout(List<FioProfile> selected, BenchParameters parameters, boolean rawDevice) {
        long slowBytesPerSecond = 20L << 20;
        Duration timeout = SCRIPT_OVERHEAD;
        for (FioProfile p : selected) {
            long layoutSeconds = p.spaceFactor() * parameters.sizeBytes() / slowBytesPerSecond;
            timeout = timeout.plusSeconds(parameters.runtimeSeconds() + layoutSeconds + 15);
        }
        if (rawDevice) {
            timeout = timeout.plusSeconds(regionBytes(selected, parameters) / slowBytesPerSecond);
        }
        return timeout;
    }

    /**
     * A run deadline for the {@link FleetRunner} that serves {@code request} on {@code hosts} with {@code forks}
     * hosts at a time: every host's bench.sh deadline (per target; a tier may have several), batch after batch,
     * plus two minutes for connecting and gathering.
     */
    public Duration runDeadline(BenchRequest request, List<HostSpec> hosts, int forks, int targetsPerHost) {
        Duration perHost = Duration.ZERO;
        for (HostSpec host : hosts) {
            Duration d = execTimeout(profiles.withPolicy(host.policy()).resolve(request.profiles()), request.parameters(),
                    request.device().isPresent()).plus(settings.commandTimeout()).multipliedBy(Math.max(1, targetsPerHost));
            perHost = d.compareTo(perHost) > 0 ? d : perHost;
        }
        int batches = Math.max(1, (hosts.size() + forks - 1) / Math.max(1, forks));
        return perHost.multipliedBy(batches).plusMinutes(2);
    }

    /** On a raw device each job has its own region of {@code size}: the largest profile's jobs x size. */
    static long regionBytes(List<FioProfile> selected, BenchParameters parameters) {
        return selected.stream().mapToLong(p -> p.jobs().size() * parameters.sizeBytes()).max().orElse(0);
    }

    /** Bytes the largest profile may occupy at once, plus 10 % for metadata and fio's own files. */
    static long requiredBytes(List<FioProfile> selected, BenchParameters parameters) {
        long max = selected.stream().mapToLong(p -> p.spaceFactor() * parameters.sizeBytes()).max().orElse(0);
        return max + max / 10;
    }

    /**
     * Kills the run's processes and removes its directory on the host. Clears this thread's interrupt flag for
     * the duration (an interrupted thread cannot wait for the cleanup command) and sets it again afterwards.
     */
    void cleanup(Transport transport, HostSpec host, String target, String runId) {
        boolean interrupted = Thread.interrupted();
        try {
            HostScriptRunner.exec(transport, host, BenchScripts.CLEANUP.text(), List.of(target, runId), new byte[0],
                    settings.commandTimeout(), true);
        } catch (TransportException | RuntimeException e) {
            // the host is gone or the transport closed: bench.sh's own traps and timeout -k remain
            System.getLogger(BenchEngine.class.getName()).log(System.Logger.Level.WARNING,
                    host.name() + ": cleanup of bench run " + runId + " in " + target + " failed: " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For a shutdown hook: clean up every run still in flight (each host's task would, but may be cut short). */
    public void cleanupActive() {
        for (Active a : List.copyOf(active.values())) {
            cleanup(a.transport(), a.host(), a.target(), a.runId());
        }
    }

    /** Waits until no host task is inside a bench exec (their cleanups run before they leave it). */
    private void awaitCleanups(Duration max) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (!active.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String stderrHint(ExecResult r) {
        String err = r.stderr() == null ? "" : r.stderr().strip();
        return err.isEmpty() ? " (exit " + r.exitCode() + ")" : " (exit " + r.exitCode() + ", stderr: " + firstLines(err) + ")";
    }

    private static String firstLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" / ", java.util.Arrays.copyOf(lines, Math.min(3, lines.length)));
    }
}
