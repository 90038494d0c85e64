package jts.fleet.remote.script;

/**
 * The definitions host scripts share, put into each script as it is run, so each rule has one copy on the host
 * side. {@code host-common.sh}: {@code in_list}, {@code valid_device} (the device-name rule), {@code use_sysroot}
 * (the sysroot rule: a fixture tree read instead of /), {@code die} (message on stderr named by the script's
 * {@code $prog}, exit code) and {@code work_dir} (a script's temporary directory, made after sweeping what killed
 * runs of the same script left); every script that checks a name, a path or a sysroot carries it. A family's own
 * prelude follows it: {@code timer-common.sh} ({@link #timerSpliced}: the blackout-window rule of the scripts systemd
 * timers run), {@code tune-common.sh}, {@code bench-common.sh}. A prelude goes after the script's first line (the
 * {@code #!} line or its title comment), so line 1 stays what the script says it is.
 */
public final class HostPrelude {
    public static final String RESOURCE = "/jts/fleet/remote/script/host-common.sh";
    /** The prelude of the scripts jts-fleet installs for its systemd timers (jts-fstrim, jts-metrics). */
    public static final String TIMER_RESOURCE = "/jts/fleet/remote/script/timer-common.sh";

    private HostPrelude() {
    }

    /** The preludes, read from the jar once (scripts are built per host and per sampling tick). */
    private static final class Text {
        static final String HOST = ScriptResources.text(RESOURCE);
        static final String TIMER = ScriptResources.text(TIMER_RESOURCE);
    }

    /** The text of {@code host-common.sh}, as every script carries it (read from the jar once). */
    public static String text() {
        return Text.HOST;
    }

    /** {@code script} with {@code host-common.sh} after its first line. */
    public static String spliced(String script) {
        return splice(script, Text.HOST);
    }

    /** {@code script} with {@code host-common.sh} and then {@code familyPrelude} after its first line. */
    public static String spliced(String script, String familyPrelude) {
        return splice(script, Text.HOST + familyPrelude);
    }

    /** {@code script} with {@code host-common.sh} and {@code timer-common.sh} after its first line. */
    public static String timerSpliced(String script) {
        return spliced(script, Text.TIMER);
    }

    /** {@code prelude} after the first line of {@code script}: how every prelude is added. */
    public static String splice(String script, String prelude) {
        int firstLine = script.indexOf('\n') + 1;
        if (firstLine == 0) {
            throw new IllegalArgumentException("a script is at least one line and a newline");
        }
        return script.substring(0, firstLine) + prelude + script.substring(firstLine);
    }
}
