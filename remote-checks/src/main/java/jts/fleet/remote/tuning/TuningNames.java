package jts.fleet.remote.tuning;

import java.util.regex.Pattern;

/**
 * The validation shared by the planner, the renderer and the host script: every device name and value that
 * travels to a host passes here first (and again in the script, which runs as root).
 */
public final class TuningNames {
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._:+-]+");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9 _.-]+");

    private TuningNames() {
    }

    public static boolean validDevice(String name) {
        return name != null && DEVICE.matcher(name).matches() && !name.equals(".") && !name.equals("..")
                && !name.startsWith("-");
    }

    public static boolean validValue(String value) {
        return value != null && VALUE.matcher(value).matches();
    }
}
