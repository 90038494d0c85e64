package jts.fleet.controller.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostTask;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.controller.tuning.TuningPaths;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.bench.BenchProfiles;
import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.bench.ExperimentAnalysis;
import jts.fleet.remote.bench.FioProfile;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.QueueSettings;
import jts.fleet.remote.bench.TargetDevices;

/**
 * A/B experiments: switch a queue attribute of the leaf devices behind a target between two values, run one
 * profile per round interleaving the arms (A B A B ...) so drift hits both arms alike, and put every device
 * back to its original value at the end, on error and on interrupt ({@link #restoreActive} for shutdown hooks).
 */
public final class ExperimentEngine {
    private final BenchEngine bench;
    private final BenchProfiles profiles;
    /** Devices currently switched away from their original value, per host: for a shutdown hook. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Transport transport, HostSpec host, QueueAttribute attribute, Map<String, String> original) {
    }

    private final jts.fleet.controller.fleet.HostRecording recording;

    public ExperimentEngine(BenchEngine bench, BenchProfiles profiles) {
        this(bench, profiles, jts.fleet.controller.fleet.HostRecording.NONE);
    }

    private ExperimentEngine(BenchEngine bench, BenchProfiles profiles,
                             jts.fleet.controller.fleet.HostRecording recording) {
        this.bench = bench;
        this.profiles = profiles;
        this.recording = recording;
    }

    /** This engine, with every switch and restore recorded on the host ({@code changes.jsonl}). */
    public ExperimentEngine recordedBy(jts.fleet.controller.fleet.HostRecording value) {
        return new ExperimentEngine(bench, profiles, value);
    }

    /**
     * A run deadline long enough for {@code request} on {@code hosts}, {@code forks} at a time, when the user
     * gave none: per host, every round of both arms (the measurement with its own deadline, the device probe,
     * switching up to eight leaf devices), batch after batch, plus two minutes for connecting and restoring.
     */
    public Duration runDeadline(ExperimentRequest request, List<HostSpec> hosts, int forks) {
        Duration perHost = Duration.ZERO;
        Duration command = bench.settings().commandTimeout();
        for (HostSpec host : hosts) {
            FioProfile profile = profiles.withPolicy(host.policy()).get(request.profile());
            Duration arm = BenchEngine.execTimeout(List.of(profile), request.parameters(), false)
                    .plus(command).plus(command.multipliedBy(8));
            Duration d = arm.multipliedBy(2L * request.rounds());
            perHost = d.compareTo(perHost) > 0 ? d : perHost;
        }
        int batches = Math.max(1, (hosts.size() + forks - 1) / Math.max(1, forks));
        return perHost.multipliedBy(batches).plusMinutes(2);
    }

    /**
     * The experiment as a {@link jts.fleet.controller.fleet.FleetRunner} task, for {@code --hosts} with several
     * hosts: refuses inside a blackout window unless {@code force}; a host-level problem (device does not offer
     * the scheduler, fio missing ...) is that host's failure. "changed" is reported: devices were switched (and
     * restored).
     */
    public HostTask<ExperimentReport> task(ExperimentRequest request, boolean force, Clock clock, Consumer<String> progress) {
        return (transport, host) -> {
            ZonedDateTime now = ZonedDateTime.now(clock);
            java.util.Optional<String> frozen = force ? java.util.Optional.empty()
                    : ChangeFreeze.refusal(host, "experiment", now);
            if (frozen.isPresent()) {
                return new HostOutcome.Fail<>(FailureClass.COMMAND, frozen.get());
            }
            try {
                return new HostOutcome.Done<>(run(request, host, transport, progress), true);
            } catch (BenchFailure | IllegalArgumentException e) {
                return new HostOutcome.Fail<>(FailureClass.COMMAND, e.getMessage());
            }
        };
    }

    /** Runs the experiment on one host; {@code progress} gets one line per step (for a terminal). */
    public ExperimentReport run(ExperimentRequest request, HostSpec host, Transport transport, Consumer<String> progress)
            throws TransportException, BenchFailure {
        FioProfile profile = profiles.withPolicy(host.policy()).get(request.profile());
        TargetDevices devices = bench.devices(transport, host, request.target());
        List<QueueSettings> leaves = devices.leaves();
        if (leaves.isEmpty()) {
            throw new BenchFailure(host.name() + ": " + request.target() + " (" + devices.fstype() + ", " + devices.source()
                    + ") has no block device whose queue could be switched");
        }
        Map<String, String> original = new LinkedHashMap<>();
        for (QueueSettings leaf : leaves) {
            original.put(leaf.name(), currentValue(host, leaf, request.attribute()));
            if (request.attribute() == QueueAttribute.SCHEDULER) {
                List<String> offered = Arrays.stream(leaf.queue().get("scheduler").replace("[", "").replace("]", "").trim()
                        .split("\\s+")).toList();
                for (String v : List.of(request.valueA(), request.valueB())) {
                    if (!offered.contains(v)) {
                        throw new BenchFailure(host.name() + ": " + leaf.name() + " does not offer scheduler " + v
                                + " (available: " + String.join(" ", offered) + ")");
                    }
                }
            }
        }
        String baseId = bench.newRunId();
        List<ExperimentReport.Round> rounds = new ArrayList<>();
        pending.put(host.name(), new Pending(transport, host, request.attribute(), original));
        boolean restored = false;
        try {
            for (int r = 1; r <= request.rounds(); r++) {
                for (String arm : List.of("a", "b")) {
                    String value = arm.equals("a") ? request.valueA() : request.valueB();
                    for (QueueSettings leaf : leaves) {
                        set(transport, host, leaf.name(), request.attribute(), value);
                    }
                    progress.accept(host.name() + ": round " + r + "/" + request.rounds() + " arm " + arm.toUpperCase()
                            + " (" + request.attribute().key() + "=" + value + ")");
                    HostMeasurement m = bench.measure(transport, host, request.target(), baseId + "-r" + r + arm,
                            List.of(profile), request.parameters());
                    rounds.add(new ExperimentReport.Round(r, arm.toUpperCase(), value, m.summaries().get(0)));
                }
            }
        } finally {
            restored = restore(transport, host, request.attribute(), original);
            pending.remove(host.name());
        }
        List<ProfileSummary> a = rounds.stream().filter(x -> x.arm().equals("A")).map(ExperimentReport.Round::summary).toList();
        List<ProfileSummary> b = rounds.stream().filter(x -> x.arm().equals("B")).map(ExperimentReport.Round::summary).toList();
        ExperimentAnalysis analysis = ExperimentAnalysis.analyse(request.attribute().key() + "=" + request.valueA(), a,
                request.attribute().key() + "=" + request.valueB(), b);
        return new ExperimentReport(host.name(), request.target(), request.attribute().key(), profile.name(),
                leaves.stream().map(QueueSettings::name).toList(), original, rounds, analysis, restored);
    }

    private static String currentValue(HostSpec host, QueueSettings leaf, QueueAttribute attribute) throws BenchFailure {
        String raw = leaf.queue().get(attribute.key());
        if (raw == null) {
            throw new BenchFailure(host.name() + ": " + leaf.name() + " has no readable queue/" + attribute.key());
        }
        return attribute == QueueAttribute.SCHEDULER ? leaf.activeScheduler() : raw.trim();
    }

    private void set(Transport transport, HostSpec host, String device, QueueAttribute attribute, String value)
            throws TransportException, BenchFailure {
        List<String> args = new java.util.ArrayList<>(List.of(device, attribute.key(), value));
        // a fixture tree, not /sys; then the change context, when the write is to be recorded on the host
        String context = recording.contextLine(host);
        String sysroot = TuningPaths.forHost(host).sysfsRoot();
        if (!sysroot.isEmpty() || !context.isEmpty()) {
            args.add(sysroot);
        }
        if (!context.isEmpty()) {
            args.add(context);
        }
        ExecResult r = HostScriptRunner.exec(transport, host, BenchScripts.QUEUE_SET.text(), args, new byte[0],
                bench.settings().commandTimeout(), true);
        if (!r.ok()) {
            throw new BenchFailure(host.name() + ": write /sys/block/" + device + "/queue/" + attribute.key() + " = \"" + value
                    + "\": " + r.stderr().strip() + " (exit " + r.exitCode() + ")");
        }
        String now = r.stdoutText().lines().filter(l -> l.startsWith("new=")).map(l -> l.substring(4)).findFirst().orElse("");
        if (!now.equals(value)) {
            throw new BenchFailure(host.name() + ": /sys/block/" + device + "/queue/" + attribute.key() + " reads \"" + now
                    + "\" after writing \"" + value + "\"");
        }
    }

    /** Puts every device back; true when all writes succeeded. Runs with the interrupt flag cleared. */
    private boolean restore(Transport transport, HostSpec host, QueueAttribute attribute, Map<String, String> original) {
        boolean interrupted = Thread.interrupted();
        boolean ok = true;
        try {
            for (Map.Entry<String, String> e : original.entrySet()) {
                try {
                    set(transport, host, e.getKey(), attribute, e.getValue());
                } catch (TransportException | BenchFailure | RuntimeException ex) {
                    ok = false;
                    System.getLogger(ExperimentEngine.class.getName()).log(System.Logger.Level.ERROR,
                            host.name() + ": could not restore " + e.getKey() + " " + attribute.key() + "=" + e.getValue()
                                    + ": " + ex.getMessage());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ok;
    }

    /** For a JVM shutdown hook: restore every device still switched by a running experiment. */
    public void restoreActive() {
        for (Pending p : List.copyOf(pending.values())) {
            restore(p.transport(), p.host(), p.attribute(), p.original());
        }
        bench.cleanupActive();
    }
}
