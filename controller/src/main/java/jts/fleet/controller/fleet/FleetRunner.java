package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;

import jts.fleet.controller.transport.ConnectionPool;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * Runs one {@link HostTask} on many hosts, {@code forks} at a time. Results reach the listener as hosts
 * finish (one call at a time, so listeners need no locking) and come back in inventory order. One host's
 * failure or exception never stops the others. The whole run has a deadline: hosts still running or not yet
 * started when it passes are reported as {@link FailureClass#TIMEOUT} failures and their threads are
 * interrupted.
 */
public final class FleetRunner {
    /** Well above Ansible's 5: a step is one exec on an open connection, so threads mostly wait. */
    public static final int DEFAULT_FORKS = 32;

    private final Function<HostSpec, Transport> transports;
    private final int forks;
    private final Duration runDeadline;
    private final StopSignal stop;
    private final java.util.Optional<HostObserver> observer;

    public FleetRunner(ConnectionPool pool, int forks, Duration runDeadline) {
        this(pool::get, forks, runDeadline);
    }

    /** With any source of transports (tests use fakes). */
    public FleetRunner(Function<HostSpec, Transport> transports, int forks, Duration runDeadline) {
        this(transports, forks, runDeadline, null, java.util.Optional.empty());
    }

    private FleetRunner(Function<HostSpec, Transport> transports, int forks, Duration runDeadline, StopSignal stop,
                        java.util.Optional<HostObserver> observer) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        if (runDeadline.isNegative() || runDeadline.isZero()) {
            throw new IllegalArgumentException("run deadline must be positive, got " + runDeadline);
        }
        this.transports = transports;
        this.forks = forks;
        this.runDeadline = runDeadline;
        this.stop = stop;
        this.observer = observer;
    }

    /**
     * This runner, stoppable by {@code signal}: once it is requested no host, batch or further step starts (the
     * hosts not started are {@code skipped}), and the hosts in flight get {@link StopSignal#grace()} to finish;
     * those still running then fail with a message that they may be half-done.
     */
    public FleetRunner stoppableBy(StopSignal signal) {
        return new FleetRunner(transports, forks, runDeadline, java.util.Objects.requireNonNull(signal, "signal"),
                observer);
    }

    /** True once a stop was requested: host tasks check it before each step that changes a host. */
    public boolean stopRequested() {
        return stop != null && stop.requested();
    }

    /** This runner, telling {@code watcher} when each host starts and ends (the change record). */
    public FleetRunner observedBy(HostObserver watcher) {
        return new FleetRunner(transports, forks, runDeadline, stop, java.util.Optional.of(watcher));
    }

    public int forks() {
        return forks;
    }

    /** Runs {@code task} on every host; returns one result per host, in the order of {@code hosts}. */
    public <T> List<HostResult<T>> run(List<HostSpec> hosts, HostTask<T> task,
            Consumer<? super HostResult<T>> listener) {
        return runBatch(hosts, task, listener, System.nanoTime() + runDeadline.toNanos());
    }

    /**
     * Runs in batches of {@code batchSpec} hosts (Ansible's {@code serial}); the next batch starts only when
     * the previous one finished. The run stops before the next batch when the failed-or-unreachable share
     * of a batch is strictly greater than {@code maxFailPercent} (Ansible's {@code max_fail_percentage}:
     * 0 stops on any failure, 100 never stops), or when the run deadline has passed.
     */
    public <T> SerialRun<T> runSerial(List<HostSpec> hosts, String batchSpec, int maxFailPercent,
            HostTask<T> task, Consumer<? super HostResult<T>> listener) {
        if (maxFailPercent < 0 || maxFailPercent > 100) {
            throw new IllegalArgumentException("max-fail percentage must be 0..100, got " + maxFailPercent);
        }
        BatchSpec spec = BatchSpec.parse(batchSpec);
        int size = spec.sizeFor(hosts.size());
        long deadline = System.nanoTime() + runDeadline.toNanos();
        List<HostResult<T>> results = new ArrayList<>();
        for (int start = 0; start < hosts.size(); start += size) {
            List<HostSpec> batch = hosts.subList(start, Math.min(hosts.size(), start + size));
            List<HostResult<T>> batchResults = runBatch(batch, task, listener, deadline);
            results.addAll(batchResults);
            List<HostSpec> rest = hosts.subList(start + batch.size(), hosts.size());
            if (rest.isEmpty()) {
                break;
            }
            long failures = batchResults.stream().filter(HostResult::isFailure).count();
            double failedPercent = 100.0 * failures / batch.size();
            if (failedPercent > maxFailPercent) {
                return new SerialRun<>(results, rest, Optional.of(String.format(java.util.Locale.ROOT,
                        "stopped after batch %d: %d of %d hosts failed (%.0f%% > max-fail %d%%)",
                        start / size + 1, failures, batch.size(), failedPercent, maxFailPercent)));
            }
            if (System.nanoTime() - deadline >= 0) {
                return new SerialRun<>(results, rest, Optional.of("stopped after batch " + (start / size + 1)
                        + ": run deadline of " + describe(runDeadline) + " passed"));
            }
            if (stopRequested()) {
                return new SerialRun<>(results, rest, Optional.of("stopped after batch " + (start / size + 1)
                        + ": interrupted (Ctrl-C)"));
            }
        }
        return new SerialRun<>(results, List.of(), Optional.empty());
    }

    private <T> List<HostResult<T>> runBatch(List<HostSpec> hosts, HostTask<T> task,
            Consumer<? super HostResult<T>> listener, long deadline) {
        int count = hosts.size();
        if (count == 0) {
            return List.of();
        }
        AtomicReferenceArray<HostResult<T>> results = new AtomicReferenceArray<>(count);
        AtomicIntegerArray started = new AtomicIntegerArray(count);
        if (stop != null) {
            stop.track(() -> {
                List<String> running = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (started.get(i) == 1 && results.get(i) == null) {
                        running.add(hosts.get(i).name());
                    }
                }
                return running;
            });
        }
        AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();
        Object listenerLock = new Object();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(forks, count), new WorkerThreads());
        try {
            for (int i = 0; i < count; i++) {
                int index = i;
                HostSpec host = hosts.get(i);
                workers.execute(() -> {
                    if (stopRequested()) {
                        publish(results, index, host, new HostResult.Skipped<>(host.name(), "not started: interrupted"
                                + " (Ctrl-C)"), listener, listenerLock, listenerFailure);
                        return;
                    }
                    started.set(index, 1);
                    HostResult<T> result = runOne(host, task);
                    publish(results, index, host, result, listener, listenerLock, listenerFailure);
                });
            }
            workers.shutdown();
            boolean interrupted = false;
            boolean finished = false;
            boolean stoppedWaiting = false;
            try {
                // in slices: a stop request ends the wait once the steps in flight had their grace
                while (!finished && deadline - System.nanoTime() > 0) {
                    if (stop != null && stop.graceOver()) {
                        stoppedWaiting = true;
                        break;
                    }
                    long slice = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
                    finished = workers.awaitTermination(Math.max(0, slice), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            // Record the timeouts before interrupting: an interrupted task may still return a value, and
            // that late value must not replace the timeout the caller is told about.
            for (int i = 0; i < count; i++) {
                String name = hosts.get(i).name();
                HostResult<T> missing;
                if (finished) {
                    // every task ended, and this one without a result: a bug, not a deadline
                    missing = new HostResult.Failed<>(name, FailureClass.COMMAND, name + ": internal error: the task"
                            + " ended without a result" + REPORT_HINT);
                } else if (stoppedWaiting) {
                    missing = started.get(i) == 1
                            ? new HostResult.Failed<>(name, FailureClass.TIMEOUT, name + ": interrupted (Ctrl-C) while"
                                    + " its step was still running " + describe(stop.grace()) + " later: it may be"
                                    + " half-done; check with " + stop.checkCommand() + " -H " + name)
                            : new HostResult.Skipped<>(name, "not started: interrupted (Ctrl-C)");
                } else {
                    String why = interrupted ? "run interrupted" : "run deadline of " + describe(runDeadline) + " passed";
                    missing = new HostResult.Failed<>(name, FailureClass.TIMEOUT, name + ": " + why
                            + (started.get(i) == 1 ? " while the host was still running" : " before the host started"));
                }
                publish(results, i, hosts.get(i), missing, listener, listenerLock, listenerFailure);
            }
            // the workers are interrupted once, by the shutdownNow below: a second interrupt would land in the
            // cleanup an interrupted task runs (bench-cleanup.sh) and kill it, leaving test files on the host
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            workers.shutdownNow();
        }
        if (listenerFailure.get() != null) {
            throw listenerFailure.get();
        }
        List<HostResult<T>> ordered = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }

    /** First result for a host wins: a late finish after the deadline does not overwrite the timeout. */
    private <T> void publish(AtomicReferenceArray<HostResult<T>> results, int index, HostSpec host,
            HostResult<T> result, Consumer<? super HostResult<T>> listener, Object listenerLock,
            AtomicReference<RuntimeException> listenerFailure) {
        if (!results.compareAndSet(index, null, result)) {
            return;
        }
        if (observer.isPresent()) {
            observer.get().finished(host, result);
        }
        synchronized (listenerLock) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                listenerFailure.compareAndSet(null, e);
            }
        }
    }

    private <T> HostResult<T> runOne(HostSpec host, HostTask<T> task) {
        long started = System.nanoTime();
        HostResult<T> result = runTask(host, task);
        if (EngineLog.debugEnabled()) {
            EngineLog.log().debug("{}: {} after {} ms{}", host.name(), result.status(), (System.nanoTime() - started) / 1_000_000,
                    result instanceof HostResult.Failed<T> f ? " (" + f.failure().key() + "): " + f.message()
                            : result instanceof HostResult.Unreachable<T> u ? ": " + u.message() : "");
        }
        return result;
    }

    private <T> HostResult<T> runTask(HostSpec host, HostTask<T> task) {
        String name = host.name();
        if (observer.isPresent()) {
            java.util.Optional<String> refusal = observer.get().starting(host);
            if (refusal.isPresent()) {
                return new HostResult.Failed<>(name, FailureClass.REFUSED, named(name, refusal.get()));
            }
        }
        try {
            Transport transport = LoggedTransport.wrap(transports.apply(host));
            HostOutcome<T> outcome = task.run(transport, host);
            if (outcome instanceof HostOutcome.Done<T> done) {
                return new HostResult.Ok<>(name, done.value(), done.changed());
            } else if (outcome instanceof HostOutcome.Skip<T> skip) {
                return new HostResult.Skipped<>(name, skip.reason());
            } else if (outcome instanceof HostOutcome.Fail<T> fail) {
                return new HostResult.Failed<>(name, fail.failure(), named(name, fail.message()));
            }
            return new HostResult.Failed<>(name, FailureClass.COMMAND, name + ": task returned no outcome");
        } catch (TransportException e) {
            String message = named(name, e.getMessage());
            return e.failureClass() == FailureClass.UNREACHABLE
                    ? new HostResult.Unreachable<>(name, message)
                    : new HostResult.Failed<>(name, e.failureClass(), message);
        } catch (RuntimeException | Error e) {
            // a bug of jts-fleet (or the JVM out of memory): this host's result, never the others', and never
            // mistaken for a deadline
            return new HostResult.Failed<>(name, FailureClass.COMMAND, name + ": internal error: " + e
                    + where(e) + REPORT_HINT);
        }
    }

    /** Appended to every internal error: what to do about it. */
    static final String REPORT_HINT = " (a bug in jts-fleet: please report it with the command line; the other"
            + " hosts are not affected)";

    /** The first frame of jts-fleet's own code in {@code e}'s stack, e.g. {@code " at jts.fleet...Foo.bar(Foo.java:12)"}. */
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("jts.fleet.")) {
                return " at " + frame;
            }
        }
        return "";
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Messages always start with the host name, whoever wrote them. */
    private static String named(String host, String message) {
        String text = message == null ? "(no message)" : message;
        return text.startsWith(host + ":") ? text : host + ": " + text;
    }

    /** Named daemon threads: a stuck host must not keep the JVM alive after the run gave up on it. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "fleet-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
