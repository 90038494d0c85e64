package jts.fleet.controller.fleet;

import java.util.Objects;

import jts.fleet.controller.transport.FailureClass;

/**
 * The typed result of one host in a fleet run. Exactly one per selected host: a host the run never reached
 * (run deadline) is {@link Failed} with {@link FailureClass#TIMEOUT}, never missing.
 */
public sealed interface HostResult<T> {

    /** Inventory name of the host. */
    String host();

    record Ok<T>(String host, T value, boolean changed) implements HostResult<T> {
        public Ok {
            Objects.requireNonNull(host, "host");
        }
    }

    record Failed<T>(String host, FailureClass failure, String message) implements HostResult<T> {
        public Failed {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }

    record Unreachable<T>(String host, String message) implements HostResult<T> {
        public Unreachable {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(message, "message");
        }
    }

    record Skipped<T>(String host, String reason) implements HostResult<T> {
        public Skipped {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Stable lower-case status for JSON and the recap: ok, changed, failed, unreachable, skipped. The words are
     * decided here, for every kind at once, next to {@link #isFailure()}.
     */
    default String status() {
        if (this instanceof Ok<T> ok) {
            return ok.changed() ? "changed" : "ok";
        }
        if (this instanceof Failed<T>) {
            return "failed";
        }
        return this instanceof Unreachable<T> ? "unreachable" : "skipped";
    }

    /** True for failed and unreachable: what max-fail and the exit code count. */
    default boolean isFailure() {
        return this instanceof Failed<T> || this instanceof Unreachable<T>;
    }
}
