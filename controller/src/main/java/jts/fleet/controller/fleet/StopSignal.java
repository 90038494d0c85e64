package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The operator's request to stop a run that changes hosts (Ctrl-C during apply, rollback or trim). The first
 * request stops the run from starting anything new (hosts, batches, further steps of a host) and lets the
 * host steps in flight finish or be undone by their own scripts, for at most {@link #grace()}; a second
 * request is for aborting at once, and the front end names the hosts {@link #inFlight()} may have left
 * half-done. A runner publishes its in-flight hosts here while it runs.
 */
public final class StopSignal {
    private final Duration grace;
    private final String checkCommand;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long firstAt;
    private volatile Supplier<List<String>> inFlight = List::of;

    /**
     * @param grace        how long the host steps in flight may take after the first request (the command deadline)
     * @param checkCommand what tells whether a host was left half-done, e.g. {@code "jts-fleet verify"}
     */
    public StopSignal(Duration grace, String checkCommand) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.checkCommand = Objects.requireNonNull(checkCommand, "checkCommand");
    }

    /** E.g. {@code "jts-fleet verify"}: run with {@code -H HOSTS} to see whether hosts were left half-done. */
    public String checkCommand() {
        return checkCommand;
    }

    /** Records a request; returns how many there were, this one included (1: stop, 2 and more: abort). */
    public int request() {
        int n = requests.incrementAndGet();
        if (n == 1) {
            firstAt = System.nanoTime();
        }
        return n;
    }

    public boolean requested() {
        return requests.get() > 0;
    }

    /** True once {@link #grace()} has passed since the first request. */
    boolean graceOver() {
        return requested() && System.nanoTime() - firstAt - grace.toNanos() >= 0;
    }

    public Duration grace() {
        return grace;
    }

    /** Hosts whose step was running when asked (the runner's view), for "may be half-done" messages. */
    public List<String> inFlight() {
        return inFlight.get();
    }

    void track(Supplier<List<String>> running) {
        this.inFlight = Objects.requireNonNull(running, "running");
    }
}
