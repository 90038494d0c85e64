package jts.fleet.remote.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that use real parts of the machine (root, loop devices, sshd, shellcheck, promtool,
 * udevadm, systemd-analyze, fio ...). On a laptop they skip; when {@code JTS_FLEET_REQUIRE_IT=1} (CI) a missing
 * precondition fails the test instead, so CI can never go green by skipping.
 */
public final class Environment {
    private Environment() {
    }

    public static boolean required() {
        String fromProperty = System.getProperty("jts.it.required", "");
        String fromEnv = System.getenv().getOrDefault("JTS_FLEET_REQUIRE_IT", "");
        return isTrue(fromProperty) || isTrue(fromEnv);
    }

    private static boolean isTrue(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** Skips (or fails under CI) unless {@code condition} holds. */
    public static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (required()) {
            throw new AssertionError("integration precondition not met (JTS_FLEET_REQUIRE_IT is set): " + what);
        }
        Assumptions.abort("skipped: " + what);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static void requireRoot() {
        require(isRoot(), "needs root (loop devices, sysfs writes)");
    }

    /** Absolute path of an executable on PATH or in the usual sbin directories, or null. */
    public static Path which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static Path requireTool(String tool) {
        Path found = which(tool);
        require(found != null, tool + " is not installed");
        return found;
    }
}
