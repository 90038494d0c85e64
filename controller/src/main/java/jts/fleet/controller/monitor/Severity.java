package jts.fleet.controller.monitor;

/** Nagios plugin states; {@link #exitCode()} is the plugin exit status. */
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
    int rank() {
        return switch (this) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
    }
}
