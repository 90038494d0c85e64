package jts.fleet.remote.check;

/**
 * How bad a {@link Finding} is, on the Nagios plugin scale; {@link #exitCode()} is the plugin exit status of
 * {@code check}. The shell's {@code run-check} shows OK, WARNING and CRITICAL as {@code ok}, {@code warn} and
 * {@code fail}.
 */
public enum Severity {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    private final int exitCode;

    Severity(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Aggregation order: CRITICAL over WARNING over UNKNOWN over OK (a known problem beats an unknown). */
    public int rank() {
        return switch (this) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
    }
}
