package jts.fleet.remote.bench;

/** fio output that is not a usable JSON document; the message names the source (host/profile) and the spot. */
public class FioParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public FioParseException(String message) {
        super(message);
    }

    public FioParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
