package jts.fleet.controller.bench;

/**
 * A host-level benchmark failure that is not a transport problem: fio missing, target unusable, not enough
 * space, fio failed, output garbage. The message starts with the host name and says what to do.
 */
public class BenchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
