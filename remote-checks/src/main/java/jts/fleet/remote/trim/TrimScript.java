package jts.fleet.remote.trim;

import java.util.ArrayList;
import java.util.List;

import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;

/**
 * The fixed host scripts of the TRIM feature, shipped as classpath resources: {@code jts-fstrim} itself and the
 * small scripts the controller runs to activate, run and read it (files are pushed by
 * {@link jts.fleet.remote.install.InstallFileScript}). Exit codes are part of the contract with the controller.
 */
public final class TrimScript {
    public static final String RESOURCE = "/jts/fleet/remote/trim/jts-fstrim.sh";
    /** {@code trim-activate SYSTEMD_DIR yes|no}: daemon-reload, enable the timer, report/mask fstrim.timer. */
    public static final String ACTIVATE_RESOURCE = "/jts/fleet/remote/trim/trim-activate.sh";
    /** {@code trim-run FORCE DRY_RUN CONFIG_BYTES|- [CONTEXT]}: runs jts-fstrim --json, installed or pushed. */
    public static final String RUN_RESOURCE = "/jts/fleet/remote/trim/trim-run.sh";
    /** {@code trim-status}: "next ELAPSE" then the tail of trim.jsonl; parsed by {@link TrimStatus#parse}. */
    public static final String STATUS_RESOURCE = "/jts/fleet/remote/trim/trim-status.sh";

    /** Every target trimmed or skipped with a reason. */
    public static final int EXIT_OK = 0;
    /** At least one target failed; the others were still tried. */
    public static final int EXIT_FAILED = 1;
    /** Bad arguments or config (the message names file and line). */
    public static final int EXIT_USAGE = 2;
    /** Refused: blackout window, another run holds the lock, or a window began mid-run. */
    public static final int EXIT_REFUSED = 4;
    /** trim-run only: the script or config is not installed at its fixed path. */
    public static final int EXIT_NOT_INSTALLED = 3;

    private TrimScript() {
    }

    /** {@code jts-fstrim} as installed: with the host and timer preludes ({@link HostPrelude#timerSpliced}). */
    public static String text() {
        return HostPrelude.timerSpliced(ScriptResources.text(RESOURCE));
    }

    public static String activateScript() {
        return HostPrelude.spliced(ScriptResources.text(ACTIVATE_RESOURCE));
    }

    /** With the host prelude and the change-record prelude: a run given the change context records itself. */
    public static String runScript() {
        return jts.fleet.remote.change.HostChangeLog.withPrelude(
                HostPrelude.spliced(ScriptResources.text(RUN_RESOURCE)));
    }

    public static String statusScript() {
        return ScriptResources.text(STATUS_RESOURCE);
    }

    /** The systemd commands {@code trim-activate.sh} runs after the files are pushed, in order (for the report). */
    public static List<String> activationCommands(boolean maskFstrimTimer) {
        List<String> commands = new ArrayList<>(List.of("systemctl daemon-reload",
                "systemctl enable --now " + TrimUnits.TIMER_NAME, "systemctl is-enabled fstrim.timer"));
        if (maskFstrimTimer) {
            commands.addAll(List.of("systemctl disable --now fstrim.timer", "systemctl mask fstrim.timer"));
        }
        return List.copyOf(commands);
    }

    /**
     * What {@code trim-activate.sh} reported (exit 0): {@code systemd present|absent}, {@code fstrim.timer STATE},
     * {@code masked fstrim.timer}, {@code next ELAPSE}, one per line.
     *
     * @param commands what {@link #activationCommands} said would run, for the report
     * @throws IllegalArgumentException naming the host for an unknown line or an answer without a systemd line
     */
    public static Activation parseActivation(String host, List<String> commands, String stdout) {
        String systemd = null;
        String fstrimTimer = "not-found";
        boolean masked = false;
        String next = "";
        for (String line : stdout.lines().toList()) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            switch (key) {
                case "systemd" -> systemd = value;
                case "fstrim.timer" -> fstrimTimer = value;
                case "masked" -> masked = value.equals("fstrim.timer");
                case "next" -> next = value;
                default -> throw new IllegalArgumentException(host + ": activate: unexpected line \"" + line + "\"");
            }
        }
        if ("absent".equals(systemd)) {
            return new Activation.NoSystemd(commands);
        }
        if (!"present".equals(systemd)) {
            throw new IllegalArgumentException(host + ": activate: no \"systemd\" line in the answer");
        }
        return new Activation.Activated(commands, fstrimTimer, masked, next);
    }
}
