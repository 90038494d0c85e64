package jts.fleet.controller.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.monitor.MonitorInstall;
import jts.fleet.remote.monitor.PromText;
import jts.fleet.remote.monitor.PromText.PromSample;

/**
 * The engine behind {@code jts-fleet monitor install} and {@code monitor run-once}, one host per call (the
 * fan-out engine calls it per host). Files travel on stdin to a fixed install script that writes them atomically
 * and skips identical ones; activation reloads systemd and enables the timer only where systemd runs.
 */
public final class MonitorEngine {
    private final Duration stepTimeout;
    private final jts.fleet.controller.fleet.HostRecording recording;

    public MonitorEngine(Duration stepTimeout) {
        this(stepTimeout, jts.fleet.controller.fleet.HostRecording.NONE);
    }

    private MonitorEngine(Duration stepTimeout, jts.fleet.controller.fleet.HostRecording recording) {
        this.stepTimeout = stepTimeout;
        this.recording = recording;
    }

    /** This engine, with the host scripts recording what they change on the host ({@code changes.jsonl}). */
    public MonitorEngine recordedBy(jts.fleet.controller.fleet.HostRecording value) {
        return new MonitorEngine(stepTimeout, value);
    }

    /** With the command deadline of {@code settings} for each step. */
    public static MonitorEngine of(RunSettings settings) {
        return new MonitorEngine(settings.commandTimeout());
    }

    /** Per file: installed, unchanged or would-install (dry run). */
    public record FileOutcome(String path, String change, String sha256) {
    }

    /** {@code systemd}: true when it runs and the timer was enabled; {@code next}: the timer's next elapse. */
    public record InstallReport(String host, List<FileOutcome> files, Optional<Boolean> systemd, String next,
                                List<String> warnings) implements jts.fleet.controller.fleet.ReportsChanges {
        public InstallReport {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }

        /** For the change record: each pushed file with the sha256 it holds, and the timer where systemd runs. */
        @Override
        public List<jts.fleet.remote.change.ChangeItem> changeItems() {
            List<jts.fleet.remote.change.ChangeItem> items = new ArrayList<>(files.stream()
                    .map(f -> jts.fleet.controller.fleet.ReportsChanges.pushedFile(f.path(),
                            f.change().equals("installed"), f.sha256())).toList());
            if (systemd.orElse(false)) {
                items.add(jts.fleet.remote.change.ChangeItem.of("jts-metrics.timer", "systemd", null, "enabled",
                        jts.fleet.remote.change.ChangeItem.Result.OK));
            }
            return items;
        }

        public boolean changed() {
            return files.stream().anyMatch(f -> !f.change().equals("unchanged"));
        }
    }

    public InstallReport install(Transport transport, HostSpec host, MetricsConfig config, boolean dryRun)
            throws TransportException {
        boolean become = HostScriptRunner.sudo(host);
        List<FileOutcome> outcomes = new ArrayList<>();
        for (MonitorInstall.File file : MonitorInstall.files(host.name(), config)) {
            ExecResult r = transport.exec(MonitorInstall.installFileScript(),
                    installArgs(file.path(), file.mode(), file.sha256(), dryRun, recording.contextLine(host)),
                    dryRun ? new byte[0] : file.bytes(), stepTimeout, become);
            if (r.exitCode() != 0) {
                throw new TransportException(FailureClass.COMMAND, host.name() + ": install " + file.path() + ": "
                        + HostScriptRunner.firstLine(r.stderr()) + " (exit " + r.exitCode() + ")");
            }
            String out = r.stdoutText().strip();
            int space = out.indexOf(' ');
            String change = space < 0 ? out : out.substring(0, space);
            if (!out.endsWith(" " + file.sha256()) || !List.of("installed", "unchanged", "would-install")
                    .contains(change)) {
                throw new TransportException(FailureClass.COMMAND, host.name() + ": install " + file.path()
                        + ": unexpected answer \"" + HostScriptRunner.firstLine(out) + "\"");
            }
            outcomes.add(new FileOutcome(file.path(), change, file.sha256()));
        }
        if (dryRun) {
            return new InstallReport(host.name(), outcomes, Optional.empty(), "", List.of());
        }
        ExecResult a = transport.exec(MonitorInstall.activateScript(), List.of(), new byte[0], stepTimeout, become);
        if (a.exitCode() != 0) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": activate jts-metrics.timer: "
                    + HostScriptRunner.firstLine(a.stderr()) + " (exit " + a.exitCode() + ")");
        }
        List<String> lines = a.stdoutText().lines().toList();
        boolean systemd = lines.contains("systemd present");
        String next = lines.stream().filter(l -> l.startsWith("next ")).map(l -> l.substring(5)).findFirst()
                .orElse("");
        List<String> warnings = systemd ? List.of() : List.of(host.name() + ": systemd is not running: files "
                + "installed, timer not active (run " + jts.fleet.remote.monitor.MonitorUnits.SCRIPT + " "
                + jts.fleet.remote.monitor.MonitorUnits.CONFIG + " from cron instead)");
        return new InstallReport(host.name(), outcomes, Optional.of(systemd), next, warnings);
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
        boolean become = HostScriptRunner.sudo(host);
        ExecResult r = transport.exec(MonitorInstall.runOnceScript(), List.of(), new byte[0], stepTimeout, become);
        String out = r.stdoutText();
        if (out.startsWith("@@jts-metrics not-installed")) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": jts-metrics is not installed (run "
                    + "jts-fleet monitor install first)");
        }
        int nl = out.indexOf('\n');
        String status = nl < 0 ? out : out.substring(0, nl);
        if (!status.startsWith("@@jts-metrics exit ")) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": run-once: unexpected answer \""
                    + HostScriptRunner.firstLine(out) + "\" (exit " + r.exitCode() + ", "
                    + HostScriptRunner.firstLine(r.stderr()) + ")");
        }
        int scriptExit;
        try {
            scriptExit = Integer.parseInt(status.substring("@@jts-metrics exit ".length()).strip());
        } catch (NumberFormatException e) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": run-once: bad status \"" + status
                    + "\"");
        }
        String textfile = out.substring(nl + 1);
        List<PromSample> metrics;
        try {
            metrics = PromText.parse(host.name() + ": jts_storage.prom", textfile);
        } catch (IllegalArgumentException e) {
            throw new TransportException(FailureClass.COMMAND, e.getMessage());
        }
        return new RunOnceReport(host.name(), scriptExit, r.stderr(), textfile, metrics, r.elapsed());
    }

    /** install-file's arguments: the same as {@code trim install}'s. */
    static List<String> installArgs(String path, String mode, String sha256, boolean dryRun, String context) {
        return jts.fleet.controller.trim.TrimEngine.installArgs(path, mode, sha256, dryRun, context);
    }
}
