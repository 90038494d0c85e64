package jts.fleet.controller.cli;

/** Stops a command with a specific exit code from {@link jts.fleet.controller.ExitCodes} and a message. */
public class ExitException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public ExitException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
