package jts.fleet.remote.trim;

/**
 * The fixed host paths of the TRIM feature. Fixed so install-file.sh can allowlist them and the units never
 * need templating.
 */
public final class TrimPaths {
    /** The host script (resource {@code jts-fstrim.sh}). */
    public static final String SCRIPT = "/usr/local/libexec/jts-fleet/jts-fstrim";
    /** The per-host config rendered by {@link TrimConfig}. */
    public static final String CONFIG = "/etc/jts-fleet/trim.conf";
    public static final String SERVICE = "/etc/systemd/system/jts-fstrim.service";
    public static final String TIMER = "/etc/systemd/system/jts-fstrim.timer";
    /** Default state directory: {@code trim.jsonl} run records and {@code trim.lock}. */
    public static final String STATE_DIR = "/var/lib/jts-fleet";
    public static final String RUN_LOG = STATE_DIR + "/trim.jsonl";

    private TrimPaths() {
    }
}
