package jts.fleet.controller.trim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.FileInstaller;
import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.PushedFile;
import jts.fleet.remote.trim.Activation;
import jts.fleet.remote.trim.TrimConfig;
import jts.fleet.remote.trim.TrimLog;
import jts.fleet.remote.trim.TrimPaths;
import jts.fleet.remote.trim.TrimScript;
import jts.fleet.remote.trim.TrimStatus;
import jts.fleet.remote.trim.TrimTargets;
import jts.fleet.remote.trim.TrimUnits;
import jts.fleet.remote.model.StorageModel;

/**
 * The engine behind {@code jts-fleet trim install} and {@code jts-fleet trim}: plain methods over one host's
 * {@link Transport}, so the CLI, the shell and {@code apply} share them and the fan-out engine calls them per
 * host. Every step is one of the fixed scripts of {@link TrimScript}; only validated, fixed arguments reach the
 * host, file contents travel on stdin.
 */
public final class TrimEngine {
    /** Exists only while systemd is PID 1 (sd_booted(3)). */
    public static final String SYSTEMD_RUNTIME_DIR = "/run/systemd/system";

    private final Duration stepTimeout;
    private final Duration runTimeout;
    private final HostRecording recording;

    /**
     * @param stepTimeout deadline of each install step (push one file, activate)
     * @param runTimeout  deadline of a whole trim run; when it passes, {@code timeout} sends SIGTERM and the script
     *                    stops after the range in progress
     */
    public TrimEngine(Duration stepTimeout, Duration runTimeout) {
        this(stepTimeout, runTimeout, HostRecording.NONE);
    }

    private TrimEngine(Duration stepTimeout, Duration runTimeout, HostRecording recording) {
        this.stepTimeout = stepTimeout;
        this.runTimeout = runTimeout;
        this.recording = recording;
    }

    /** These commands, with the host scripts recording what they change on the host ({@code changes.jsonl}). */
    public TrimEngine recordedBy(HostRecording value) {
        return new TrimEngine(stepTimeout, runTimeout, value);
    }

    /**
     * The command deadline of {@code settings} per install step; 30 times it for a whole trim run (a trim goes
     * range by range and stops after the range in progress when its deadline passes).
     */
    public static TrimEngine of(RunSettings settings) {
        return new TrimEngine(settings.commandTimeout(), settings.commandTimeout().multipliedBy(TRIM_RUN_FACTOR));
    }

    /** A trim run may take this many command deadlines. */
    public static final int TRIM_RUN_FACTOR = 30;

    /** The plan for {@code host}: its trim-tier mounts, its blackout windows and an optional node_exporter textfile dir. */
    public InstallPlan installPlan(HostSpec host, List<String> trimMounts, Optional<String> textfileDir) {
        return installPlan(host, config(host, trimMounts, textfileDir));
    }

    /**
     * What {@code trim} (run now) pushes with the script where nothing is installed: the config alone. The timer's
     * schedule plays no part in a run now, so its units are not rendered (a schedule inside a blackout window is
     * trim install's and apply's refusal, and made every trim fail as an internal error).
     */
    public TrimConfig runConfig(HostSpec host, StorageModel model) {
        return config(host, TrimTargets.mounts(model, host.policy()), Optional.empty());
    }

    private static TrimConfig config(HostSpec host, List<String> trimMounts, Optional<String> textfileDir) {
        return TrimConfig.of(host.name(), trimMounts, host.policy().maintenance().blackout(), textfileDir);
    }

    /** The plan from a gathered storage model: the mounts of the host's tiers with {@code trim: true}. */
    public InstallPlan installPlan(HostSpec host, StorageModel model, Optional<String> textfileDir) {
        InstallPlan plan = installPlan(host, TrimTargets.mounts(model, host.policy()), textfileDir);
        return new InstallPlan(plan.host(), plan.config(), plan.files(), TrimTargets.leftOut(model, host.policy()));
    }

    public InstallPlan installPlan(HostSpec host, TrimConfig config) {
        var units = TrimUnits.render(host.name(), host.policy().maintenance());
        return new InstallPlan(host.name(), config, List.of(
                new PushedFile(TrimPaths.SCRIPT, "0755", TrimScript.text()),
                new PushedFile(TrimPaths.CONFIG, "0644", config.render()),
                new PushedFile(TrimPaths.SERVICE, "0644", units.get(0).render()),
                new PushedFile(TrimPaths.TIMER, "0644", units.get(1).render())));
    }

    /**
     * Pushes every file of {@code plan} (each atomically, skipped when the host already has it), then reloads
     * systemd and enables the timer where systemd runs. A dry run only compares hashes.
     *
     * @throws TransportException naming host and file when a step fails (the files before it stay installed)
     */
    public InstallReport install(Transport transport, HostSpec host, InstallPlan plan, boolean maskFstrimTimer,
                                 boolean dryRun) throws TransportException {
        List<FileOutcome> outcomes = new FileInstaller(stepTimeout, recording).install(transport, host, plan.files(),
                dryRun);
        List<String> commands = TrimScript.activationCommands(maskFstrimTimer);
        List<String> warnings = new ArrayList<>();
        Activation activation;
        if (dryRun) {
            activation = new Activation.DryRun(commands);
        } else {
            ExecResult result = HostScriptRunner.exec(transport, host, TrimScript.activateScript(),
                    List.of(SYSTEMD_RUNTIME_DIR, maskFstrimTimer ? "yes" : "no"), new byte[0], stepTimeout, true);
            if (result.exitCode() != 0) {
                throw HostScriptRunner.exitFailure(host, "activate " + TrimUnits.TIMER_NAME, result);
            }
            try {
                activation = TrimScript.parseActivation(host.name(), commands, result.stdoutText());
            } catch (IllegalArgumentException e) {
                throw HostScriptRunner.unusableAnswer(e);
            }
        }
        if (activation instanceof Activation.Activated a && a.doubleTrimming()) {
            warnings.add(host.name() + ": util-linux fstrim.timer is " + a.fstrimTimerState() + " too: filesystems are"
                    + " trimmed twice, once without the blackout guard; rerun with --mask-fstrim-timer to mask it");
        }
        if (activation instanceof Activation.NoSystemd) {
            warnings.add(host.name() + ": systemd is not running (no " + SYSTEMD_RUNTIME_DIR + "): files installed, timer"
                    + " not active; would have run: " + String.join("; ", commands));
        }
        plan.leftOut().forEach((mount, why) -> warnings.add(host.name() + ": mount \"" + mount + "\" " + why));
        return new InstallReport(host.name(), outcomes, activation, warnings);
    }

    /** Runs the installed script; a host without it reports {@link RunReport.Mode#NOT_INSTALLED}. */
    public RunReport run(Transport transport, HostSpec host, boolean force, boolean dryRun) throws TransportException {
        return run(transport, host, Optional.empty(), force, dryRun);
    }

    /**
     * Runs {@code jts-fstrim --json} now and collects one record per configured filesystem. When the script is not
     * installed and {@code pushIfNotInstalled} is given, script and that config are pushed into a temporary
     * directory for this run only.
     *
     * @throws TransportException when the host cannot be reached or the output is not the script's JSON lines
     */
    public RunReport run(Transport transport, HostSpec host, Optional<TrimConfig> pushIfNotInstalled, boolean force,
                         boolean dryRun) throws TransportException {
        String forceArg = force ? "yes" : "no";
        String dryRunArg = dryRun ? "yes" : "no";
        String context = dryRun ? "" : recording.contextLine(host);
        ExecResult installed = HostScriptRunner.exec(transport, host, TrimScript.runScript(),
                List.of(forceArg, dryRunArg, "-", context), new byte[0], runTimeout, true);
        if (installed.exitCode() != TrimScript.EXIT_NOT_INSTALLED) {
            return report(host.name(), RunReport.Mode.INSTALLED, installed);
        }
        if (pushIfNotInstalled.isEmpty()) {
            return new RunReport(host.name(), RunReport.Mode.NOT_INSTALLED, installed.exitCode(), List.of(),
                    installed.stderr(), installed.elapsed());
        }
        byte[] config = pushIfNotInstalled.get().render().getBytes(StandardCharsets.UTF_8);
        byte[] script = TrimScript.text().getBytes(StandardCharsets.UTF_8);
        byte[] stdin = new byte[config.length + script.length];
        System.arraycopy(config, 0, stdin, 0, config.length);
        System.arraycopy(script, 0, stdin, config.length, script.length);
        ExecResult pushed = HostScriptRunner.exec(transport, host, TrimScript.runScript(),
                List.of(forceArg, dryRunArg, String.valueOf(config.length), context), stdin, runTimeout, true);
        return report(host.name(), RunReport.Mode.PUSHED, pushed);
    }

    /** The timer's next elapse and the last 200 run records of the host. */
    public TrimStatus status(Transport transport, HostSpec host) throws TransportException {
        ExecResult result = HostScriptRunner.exec(transport, host, TrimScript.statusScript(), List.of(), new byte[0],
                stepTimeout, true);
        if (result.exitCode() != 0) {
            throw HostScriptRunner.exitFailure(host, "trim-status", result);
        }
        try {
            return TrimStatus.parse(host.name(), result.stdoutText());
        } catch (IllegalArgumentException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }

    private static RunReport report(String host, RunReport.Mode mode, ExecResult result) throws TransportException {
        try {
            return new RunReport(host, mode, result.exitCode(),
                    TrimLog.parseRun(host, result.stdoutText(), result.exitCode(), result.stderr()), result.stderr(),
                    result.elapsed());
        } catch (IllegalArgumentException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }
}
