package jts.fleet.controller.cli;

/** A command-line mistake found after parsing (conflicting options, bad values): exit 2. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
