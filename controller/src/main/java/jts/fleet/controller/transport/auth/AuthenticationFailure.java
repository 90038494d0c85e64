package jts.fleet.controller.transport.auth;

/** Every identity was refused or unusable; the message names each one tried and why. */
public final class AuthenticationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    AuthenticationFailure(String message) {
        super(message);
    }
}
