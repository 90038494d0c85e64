package jts.fleet.remote.tuning;

import java.util.Locale;

import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.change.HostChangeLog;
import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;

/**
 * The fixed host scripts of tuning, as shipped in the jar: {@code tune-apply.sh}, {@code tune-rollback.sh},
 * {@code tune-read.sh} ({@code tune-} and the constant's name). They take validated, quoted arguments only.
 */
public enum TuningScripts {
    /** {@code tune-apply.sh SYSFS_ROOT STATE_DIR RULES_PATH [CONTEXT]}, plan on stdin. */
    APPLY,
    /** {@code tune-rollback.sh SYSFS_ROOT STATE_DIR RULES_PATH keep|forget-missing [CONTEXT]}. */
    ROLLBACK,
    /** {@code tune-read.sh STATE_DIR RULES_PATH}: read-only. */
    READ;

    public static final String DEFAULT_STATE_DIR = "/var/lib/jts-fleet";

    /** The script's file name, {@code tune-apply.sh}. */
    public String resourceName() {
        return "tune-" + name().toLowerCase(Locale.ROOT) + ".sh";
    }

    /**
     * The script as run on a host: its first line, the host prelude ({@link HostPrelude}), the tuning prelude
     * {@code tune-common.sh} with the allowlist
     * of queue attributes in write order put in from {@link WriteOrder#ORDER} (the one list), the rest; apply and
     * rollback, which change the host, also carry the change-record prelude ({@link HostChangeLog}).
     */
    public String text() {
        String whole = HostPrelude.spliced(read(resourceName()), prelude());
        return this == READ ? whole : HostChangeLog.withPrelude(whole);
    }

    /** Definitions shared by the three scripts (out, cleanup, path and name checks, the write order). */
    private static final String PRELUDE = "tune-common.sh";
    /** Where the prelude takes the allowlist (write order) and the attributes of a backing device. */
    static final String ATTR_ORDER_SLOT = "@@ATTR_ORDER@@";
    static final String BDI_ATTRS_SLOT = "@@BDI_ATTRS@@";

    /** The shell spelling of a list of attributes, in write order: keys separated by spaces. */
    public static String words(java.util.Collection<QueueAttribute> attributes) {
        return String.join(" ", WriteOrder.ORDER.stream().filter(attributes::contains).map(QueueAttribute::key).toList());
    }

    private static String prelude() {
        String prelude = ScriptResources.fill(PRELUDE, read(PRELUDE), ATTR_ORDER_SLOT, words(WriteOrder.ORDER));
        return ScriptResources.fill(PRELUDE, prelude, BDI_ATTRS_SLOT, words(TuningPlanner.BDI_ATTRIBUTES));
    }

    private static String read(String name) {
        return ScriptResources.text("/jts/fleet/remote/tuning/" + name);
    }

    /**
     * True for a path we pass to a host script: absolute, plain characters, no {@code ..}. The scripts check
     * the same and refuse anything else.
     */
    public static boolean validPath(String path) {
        return path != null && path.matches("/[A-Za-z0-9._/+-]*") && !path.contains("//")
                && !path.contains("/../") && !path.endsWith("/..");
    }

    /**
     * {@code path} when it is {@link #validPath valid}, named {@code what} in the error otherwise ({@code state
     * directory "/var/lib/../etc" is not a plain absolute path}).
     *
     * @throws IllegalArgumentException for a path the host scripts would refuse
     */
    public static String requireValidPath(String what, String path) {
        if (!validPath(path)) {
            throw new IllegalArgumentException(what + " \"" + path + "\" is not a plain absolute path");
        }
        return path;
    }
}
