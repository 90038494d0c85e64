package jts.fleet.controller.fleet;

import java.util.Objects;

import jts.fleet.controller.transport.FailureClass;

/**
 * What a {@link HostTask} reports for its host. Unreachability is not here: it comes from the transport as a
 * {@link jts.fleet.controller.transport.TransportException} and the runner classifies it.
 */
public sealed interface HostOutcome<T> {

    /** The task did its work; {@code changed} when it modified the host (Ansible's "changed"). */
    record Done<T>(T value, boolean changed) implements HostOutcome<T> {
    }

    /** The task decided not to act on this host, e.g. "no tier matches any device". */
    record Skip<T>(String reason) implements HostOutcome<T> {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The task ran and failed, e.g. a script exited non-zero or its output did not parse. */
    record Fail<T>(FailureClass failure, String message) implements HostOutcome<T> {
        public Fail {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }

    static <T> HostOutcome<T> ok(T value) {
        return new Done<>(value, false);
    }

    static <T> HostOutcome<T> changed(T value) {
        return new Done<>(value, true);
    }

    static <T> HostOutcome<T> skipped(String reason) {
        return new Skip<>(reason);
    }

    static <T> HostOutcome<T> failed(String message) {
        return new Fail<>(FailureClass.COMMAND, message);
    }

    static <T> HostOutcome<T> failed(FailureClass failure, String message) {
        return new Fail<>(failure, message);
    }
}
