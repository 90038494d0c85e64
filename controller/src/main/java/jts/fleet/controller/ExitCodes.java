package jts.fleet.controller;

/**
 * Every exit status jts-fleet returns, in one place (README "Exit codes" mirrors this list).
 *
 * <p>Fleet commands: when hosts both failed and were unreachable, {@link #HOST_FAILED} wins. A failure means
 * the host was reached and something went wrong on it (command, sudo, host key, auth, timeout), which needs
 * attention more than a host that is down; Ansible makes the same choice (2 before 4). Rerunning with the
 * failed hosts fixed then reports {@link #HOST_UNREACHABLE} if hosts are still down.
 */
public final class ExitCodes {
    /** Everything selected was served; no drift, nothing refused. */
    public static final int OK = 0;
    /** Internal error (a bug, an unexpected exception): picocli's SOFTWARE. */
    public static final int SOFTWARE = 1;
    /** Bad command line, inventory or policy (file, line and key named), or a pattern selecting nothing. */
    public static final int USAGE = 2;
    /** {@code verify}: at least one device differs from the desired state. */
    public static final int DRIFT = 3;
    /** Refused to act: blackout window (trading hours), another run holds the lock, unsafe target. */
    public static final int REFUSED = 4;
    /** {@code bench compare}: a result is worse than the baseline beyond its threshold. */
    public static final int BENCH_REGRESSION = 5;
    /** At least one host failed (command, sudo, host key, auth, timeout). */
    public static final int HOST_FAILED = 10;
    /** At least one host was unreachable and none failed. */
    public static final int HOST_UNREACHABLE = 11;
    /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** {@link #HOST_FAILED} over {@link #HOST_UNREACHABLE} over {@link #OK}. */
    public static int forHostCounts(int failed, int unreachable) {
        if (failed > 0) {
            return HOST_FAILED;
        }
        if (unreachable > 0) {
            return HOST_UNREACHABLE;
        }
        return OK;
    }
}
