package jts.fleet.controller.transport;

/** A host-level failure with its class; the message names the host. */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureClass failureClass;

    public TransportException(FailureClass failureClass, String message) {
        super(message);
        this.failureClass = failureClass;
    }

    public TransportException(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
