package jts.fleet.remote.trim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed host scripts of the TRIM feature, shipped as classpath resources: {@code jts-fstrim} itself and the
 * three small scripts the controller runs to install, activate and run it. Exit codes are part of the contract
 * with the controller.
 */
public final class TrimScript {
    public static final String RESOURCE = "/jts/fleet/remote/trim/jts-fstrim.sh";
    /**
     * {@code install-file TARGET MODE SHA256 apply|check [CONTEXT]} with the content on stdin; prints
     * "installed|unchanged SHA256"; records the install on the host when given the change context.
     */
    public static final String INSTALL_FILE_RESOURCE = "/jts/fleet/remote/install-file.sh";
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

    public static String text() {
        return resource(RESOURCE);
    }

    public static String installFileScript() {
        return jts.fleet.remote.change.HostChangeLog.withPrelude(resource(INSTALL_FILE_RESOURCE));
    }

    public static String activateScript() {
        return resource(ACTIVATE_RESOURCE);
    }

    /** With the change-record prelude: a run given the change context records itself on the host. */
    public static String runScript() {
        return jts.fleet.remote.change.HostChangeLog.withPrelude(resource(RUN_RESOURCE));
    }

    public static String statusScript() {
        return resource(STATUS_RESOURCE);
    }

    static String resource(String name) {
        try (InputStream in = TrimScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading classpath resource " + name, e);
        }
    }
}
