package jts.fleet.controller.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.FileInstaller;
import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.fleet.ReportsChanges;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.install.FileChange;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.MonitorInstall;
import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.monitor.PromText.PromSample;

/**
 * The engine behind {@code jts-fleet monitor install} and {@code monitor run-once}, one host per call (the
 * fan-out engine calls it per host). Files travel on stdin to a fixed install script that writes them atomically
 * and skips identical ones; activation reloads systemd and enables the timer only where systemd runs.
 */
public final class MonitorEngine {
    private final Duration stepTimeout;
    private final HostRecording recording;

    public MonitorEngine(Duration stepTimeout) {
        this(stepTimeout, HostRecording.NONE);
    }

    private MonitorEngine(Duration stepTimeout, HostRecording recording) {
        this.stepTimeout = stepTimeout;
        this.recording = recording;
    }

    /** This engine, with the host scripts recording what they change on the host ({@code changes.jsonl}). */
    public MonitorEngine recordedBy(HostRecording value) {
        return new MonitorEngine(stepTimeout, value);
    }

    /** With the command deadline of {@code settings} for each step. */
    public static MonitorEngine of(RunSettings settings) {
        return new MonitorEngine(settings.commandTimeout());
    }

    /** {@code systemd}: true when it runs and the timer was enabled; {@code next}: the timer's next elapse. */
    public record InstallReport(String host, List<FileOutcome> files, Optional<Boolean> systemd, String next,
                                List<String> warnings) implements ReportsChanges {
        public InstallReport {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }

        /** For the change record: each pushed file with the sha256 it holds, and the timer where systemd runs. */
        @Override
        public List<ChangeItem> changeItems() {
            List<ChangeItem> items = new ArrayList<>(files.stream()
                    .map(f -> ReportsChanges.pushedFile(f.path(), f.change() == FileChange.INSTALLED, f.sha256()))
                    .toList());
            if (systemd.orElse(false)) {
                items.add(ChangeItem.of("jts-metrics.timer", "systemd", null, "enabled", ChangeItem.Result.OK));
            }
            return items;
        }

        public boolean changed() {
            return files.stream().anyMatch(f -> f.change() != FileChange.UNCHANGED);
        }
    }

    public InstallReport install(Transport transport, HostSpec host, MetricsConfig config, boolean dryRun)
            throws TransportException {
        List<FileOutcome> outcomes = new FileInstaller(stepTimeout, recording).install(transport, host,
                MonitorInstall.files(host.name(), config), dryRun);
        if (dryRun) {
            return new InstallReport(host.name(), outcomes, Optional.empty(), "", List.of());
        }
        ExecResult a = HostScriptRunner.exec(transport, host, MonitorInstall.activateScript(), List.of(), new byte[0],
                stepTimeout, true);
        if (a.exitCode() != 0) {
            throw HostScriptRunner.exitFailure(host, "activate jts-metrics.timer", a);
        }
        MonitorInstall.Activation activation = MonitorInstall.parseActivation(a.stdoutText());
        List<String> warnings = activation.systemd() ? List.of() : List.of(host.name() + ": systemd is not running:"
                + " files installed, timer not active (run " + MonitorUnits.SCRIPT + " " + MonitorUnits.CONFIG
                + " from cron instead)");
        return new InstallReport(host.name(), outcomes, Optional.of(activation.systemd()), activation.next(), warnings);
    }

    /** What one run wrote; {@code scriptExit} is the script's status (0 = all written). */
    public record RunOnceReport(String host, int scriptExit, String stderr, String textfile,
                                List<PromSample> metrics, Duration elapsed) {
        public RunOnceReport {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * Runs the installed script now and returns the metrics it wrote.
     *
     * @throws TransportException when the host is unreachable, the script is not installed or the answer is garbage
     */
    public RunOnceReport runOnce(Transport transport, HostSpec host) throws TransportException {
        ExecResult r = HostScriptRunner.exec(transport, host, MonitorInstall.runOnceScript(), List.of(), new byte[0],
                stepTimeout, true);
        MonitorInstall.RunOnce run;
        try {
            run = MonitorInstall.parseRunOnce(host.name(), r.stdoutText(), r.exitCode(), r.stderr());
        } catch (HostReads.ReadFailure e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
        return new RunOnceReport(host.name(), run.scriptExit(), r.stderr(), run.textfile(), run.metrics(), r.elapsed());
    }
}
