package jts.fleet.remote.bench;

import java.util.regex.Pattern;

/** Validation of target directories and run ids before they become script arguments. */
public final class BenchTarget {
    public static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

    private BenchTarget() {
    }

    /** An absolute path without {@code .}/{@code ..} segments or control characters (as the scripts demand). */
    public static String checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("target " + FioJob.quote(path) + " must be an absolute path");
        }
        for (char c : path.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("target " + FioJob.quote(path) + " contains a control character");
            }
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("target " + FioJob.quote(path) + " must not contain '.' or '..' segments");
            }
        }
        return path;
    }

    /** A block device path for {@code --device}: under /dev, plain name characters only. */
    public static String checkDevicePath(String path) {
        if (path == null || !path.matches("^/dev/[A-Za-z0-9._:+-]+(/[A-Za-z0-9._:+-]+)*$") || path.contains("/..")) {
            throw new IllegalArgumentException("device " + FioJob.quote(path) + " must be a path under /dev like /dev/nvme1n1");
        }
        return path;
    }

    public static String checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id " + FioJob.quote(runId) + " must match " + RUN_ID.pattern());
        }
        return runId;
    }
}
