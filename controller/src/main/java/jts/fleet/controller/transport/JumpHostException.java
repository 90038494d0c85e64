package jts.fleet.controller.transport;

/**
 * A host could not be served because one of its jump hosts failed: the message names the host and the hop
 * ({@code db-01: jump host bastion (ops@10.0.0.5:22): public key ... refused}), {@link #jumpHost()} names the hop,
 * and the failure class is the hop's (unreachable, host key, auth).
 */
public final class JumpHostException extends TransportException {
    private static final long serialVersionUID = 1L;
    private final String jumpHost;
    private final String hopMessage;

    JumpHostException(String host, String jumpHost, FailureClass failureClass, String hopMessage, Throwable cause) {
        super(failureClass, host + ": " + hopMessage, cause);
        this.jumpHost = jumpHost;
        this.hopMessage = hopMessage;
    }

    /** The hop that failed, as messages name it: {@code jump host bastion (ops@10.0.0.5:22)}. */
    public String jumpHost() {
        return jumpHost;
    }

    /** The same failure, for another host behind the same hop. */
    JumpHostException forHost(String host) {
        return new JumpHostException(host, jumpHost, failureClass(), hopMessage, getCause());
    }
}
