package jts.fleet.remote.monitor;

import java.util.List;

import jts.fleet.remote.install.PushedFile;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.monitor.PromText.PromSample;
import jts.fleet.remote.systemd.Unit;

/**
 * What {@code jts-fleet monitor install} pushes (script, config, units with their modes; pushed by
 * {@link jts.fleet.remote.install.InstallFileScript}) and the fixed scripts that activate and run it on a host,
 * with their answers.
 */
public final class MonitorInstall {
    private static final String RUN_ONCE_STATUS = "@@jts-metrics exit ";

    private MonitorInstall() {
    }

    public static List<PushedFile> files(String host, MetricsConfig config) {
        List<Unit> units = MonitorUnits.render(host);
        return List.of(
                new PushedFile(MonitorUnits.SCRIPT, "0755", MetricsConfig.script()),
                new PushedFile(MonitorUnits.CONFIG, "0644", config.render()),
                new PushedFile(MonitorUnits.SERVICE, "0644", units.get(0).render()),
                new PushedFile(MonitorUnits.TIMER, "0644", units.get(1).render()));
    }

    /** No args. */
    public static String activateScript() {
        return jts.fleet.remote.script.HostPrelude.spliced(Resources.text("monitor-activate.sh"));
    }

    /** What activation found: whether systemd runs (then the timer is enabled) and the timer's next elapse. */
    public record Activation(boolean systemd, String next) {
    }

    /** {@link #activateScript()}'s answer (exit 0): a {@code systemd present} line, a {@code next ELAPSE} line. */
    public static Activation parseActivation(String stdout) {
        List<String> lines = stdout.lines().toList();
        return new Activation(lines.contains("systemd present"), lines.stream().filter(l -> l.startsWith("next "))
                .map(l -> l.substring(5)).findFirst().orElse(""));
    }

    /** No args; output: status line then the textfile. */
    public static String runOnceScript() {
        return Resources.text("monitor-run-once.sh");
    }

    /** What one run wrote: the script's status (0 = all written), the textfile and its samples. */
    public record RunOnce(int scriptExit, String textfile, List<PromSample> metrics) {
        public RunOnce {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * {@link #runOnceScript()}'s answer: {@code @@jts-metrics exit N} then the textfile it wrote, or
     * {@code @@jts-metrics not-installed}.
     *
     * @throws HostReads.ReadFailure naming the host: not installed, an answer without the status line, a textfile
     *                               that is not Prometheus text
     */
    public static RunOnce parseRunOnce(String host, String stdout, int exitCode, String stderr)
            throws HostReads.ReadFailure {
        if (stdout.startsWith("@@jts-metrics not-installed")) {
            throw new HostReads.ReadFailure(host + ": jts-metrics is not installed (run jts-fleet monitor install"
                    + " first)");
        }
        int nl = stdout.indexOf('\n');
        String status = nl < 0 ? stdout : stdout.substring(0, nl);
        if (!status.startsWith(RUN_ONCE_STATUS)) {
            throw new HostReads.ReadFailure(host + ": run-once: unexpected answer \"" + HostText.firstLine(stdout)
                    + "\" (exit " + exitCode + ", " + HostText.firstLine(stderr) + ")");
        }
        int scriptExit;
        try {
            scriptExit = Integer.parseInt(status.substring(RUN_ONCE_STATUS.length()).strip());
        } catch (NumberFormatException e) {
            throw new HostReads.ReadFailure(host + ": run-once: bad status \"" + status + "\"");
        }
        String textfile = stdout.substring(nl + 1);
        try {
            return new RunOnce(scriptExit, textfile, PromText.parse(host + ": jts_storage.prom", textfile));
        } catch (IllegalArgumentException e) {
            throw new HostReads.ReadFailure(e.getMessage());
        }
    }
}
