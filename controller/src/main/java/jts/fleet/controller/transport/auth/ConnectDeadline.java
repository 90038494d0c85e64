package jts.fleet.controller.transport.auth;

import java.io.Closeable;

/**
 * The connect deadline as authentication sees it: what is being waited for (named in the timeout's message), what
 * else to close when it passes (the ssh-agent connection: an agent waiting for a hardware key's touch, or hung, must
 * not hold a connect past its deadline), and the time spent waiting for the operator, which does not count (a
 * passphrase typed after the connect timeout must not fail the host, nor the hosts waiting for the same key).
 */
public interface ConnectDeadline {
    /** What to check when a server takes too long. */
    String SERVER_HINT = "is it an SSH server, and not overloaded?";

    /** What to check when the agent does not answer in time. */
    String AGENT_HINT = "does the agent wait for a confirmation or a hardware key's touch?";

    /** No deadline (tests, callers with none). */
    ConnectDeadline NONE = new ConnectDeadline() {
        @Override
        public void waitingFor(String what, String hint) {
        }

        @Override
        public void closeAtDeadline(Closeable resource) {
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    /**
     * What the connect is doing now, e.g. {@code "answer of ssh-agent /run/user/0/agent.sock (SSH_AUTH_SOCK)"}, and
     * what the operator might check if it takes too long.
     */
    void waitingFor(String what, String hint);

    /** Closes {@code resource} too when the deadline passes (at once when it has passed), until the connect ends. */
    void closeAtDeadline(Closeable resource);

    /** Stops the clock: the operator is being asked (or another host is asking for the same key). */
    void pause();

    /** Starts the clock again with the time that was left at {@link #pause()}. */
    void resume();
}
