package jts.fleet.remote.check;

import java.util.List;

/**
 * How bad a {@link Finding} is, on the Nagios plugin scale; {@link #exitCode()} is the plugin exit status of
 * {@code check}. The shell's {@code run-check} shows OK, WARNING and CRITICAL as {@code ok}, {@code warn} and
 * {@code fail}.
 */
public enum Severity {
    OK, WARNING, CRITICAL, UNKNOWN;

    /**
     * Aggregation order, least first: CRITICAL over WARNING over UNKNOWN over OK (a known problem beats an unknown
     * one).
     */
    private static final List<Severity> LEAST_FIRST = List.of(OK, UNKNOWN, WARNING, CRITICAL);

    /** The Nagios plugin exit status: 0, 1, 2, 3. */
    public int exitCode() {
        return switch (this) {
            case OK -> 0;
            case WARNING -> 1;
            case CRITICAL -> 2;
            case UNKNOWN -> 3;
        };
    }

    /** Where this severity stands in {@link #LEAST_FIRST}: the worst finding decides a report's status. */
    public int rank() {
        return LEAST_FIRST.indexOf(this);
    }
}
