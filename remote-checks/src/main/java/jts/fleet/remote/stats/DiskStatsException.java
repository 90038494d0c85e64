package jts.fleet.remote.stats;

/** Unparseable statistics; the message names the source (host) and the line. */
public class DiskStatsException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiskStatsException(String message) {
        super(message);
    }
}
