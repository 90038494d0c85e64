package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

class FleetRunnerTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private static HostSpec host(String name) {
        return new HostSpec(name, HostSpec.Connection.SSH, "10.0.0.1", 22, "jts", Optional.empty(), Optional.empty(),
                HostSpec.Become.SUDO, List.of("prod"), Optional.empty(), SshdFixture.emptyPolicy());
    }

    private static List<HostSpec> hosts(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> host(String.format("db-%02d", i))).toList();
    }

    private static FleetRunner runner(int forks, Duration deadline) {
        return new FleetRunner(h -> FakeTransport.answering(h.name(), "ok"), forks, deadline);
    }

    @Test
    void resultsComeBackInInventoryOrderWhileTheListenerSeesCompletionOrder() {
        List<HostSpec> hosts = hosts(4);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        // db-04 finishes first; every other host waits until the listener saw the next one: db-04, 03, 02, 01
        Map<String, CountDownLatch> published = new ConcurrentHashMap<>();
        hosts.forEach(h -> published.put(h.name(), new CountDownLatch(1)));
        List<HostResult<String>> results = runner(4, LONG).run(hosts, (transport, host) -> {
            int number = Integer.parseInt(host.name().substring(3));
            if (number < 4) {
                await(published.get(String.format("db-%02d", number + 1)));
            }
            return HostOutcome.ok(host.name().toUpperCase());
        }, result -> {
            seen.add(result.host());
            published.get(result.host()).countDown();
        });
        assertThat(results).extracting(HostResult::host).containsExactly("db-01", "db-02", "db-03", "db-04");
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(HostResult.Ok.class));
        assertThat(((HostResult.Ok<String>) results.get(0)).value()).isEqualTo("DB-01");
        assertThat(seen).containsExactly("db-04", "db-03", "db-02", "db-01");
    }

    @Test
    void everyKindOfFailureStaysWithItsHost() {
        List<HostSpec> hosts = hosts(6);
        List<HostResult<String>> results = runner(3, LONG).run(hosts, (transport, host) -> switch (host.name()) {
            case "db-01" -> throw new TransportException(FailureClass.UNREACHABLE,
                    "db-01: cannot connect to 10.0.0.1:22");
            case "db-02" -> throw new TransportException(FailureClass.AUTH, "public key refused");
            case "db-03" -> throw new IllegalStateException("bug");
            case "db-04" -> HostOutcome.failed("gather exited 2");
            case "db-05" -> HostOutcome.skipped("no managed devices");
            default -> HostOutcome.changed(transport.exec("x", List.of(), new byte[0], LONG, false).stdoutText());
        }, r -> { });
        HostResult.Failed<String> bug = (HostResult.Failed<String>) results.get(2);
        assertThat(bug.failure()).isEqualTo(FailureClass.COMMAND);
        assertThat(bug.message()).startsWith("db-03: internal error: java.lang.IllegalStateException: bug at "
                + "jts.fleet.controller.fleet.FleetRunnerTest").endsWith(FleetRunner.REPORT_HINT);
        assertThat(results).containsExactly(
                new HostResult.Unreachable<>("db-01", "db-01: cannot connect to 10.0.0.1:22"),
                new HostResult.Failed<>("db-02", FailureClass.AUTH, "db-02: public key refused"),
                bug,
                new HostResult.Failed<>("db-04", FailureClass.COMMAND, "db-04: gather exited 2"),
                new HostResult.Skipped<>("db-05", "no managed devices"),
                new HostResult.Ok<>("db-06", "ok", true));
        Recap recap = Recap.of(results);
        assertThat(recap.totals()).isEqualTo(new Recap.HostTally("total", 1, 1, 3, 1, 1));
        assertThat(recap.exitCode()).isEqualTo(ExitCodes.HOST_FAILED);
    }

    /** An Error in a host task (a bug, or the JVM out of memory) was left to kill the worker and read later as a deadline. */
    @Test
    void anErrorInsideAHostTaskIsAnInternalErrorOfThatHostNotADeadline() {
        long started = System.nanoTime();
        List<HostResult<String>> results = runner(2, LONG).run(hosts(3), (transport, host) -> {
            if (host.name().equals("db-02")) {
                throw new StackOverflowError("deep");
            }
            return HostOutcome.ok(host.name());
        }, r -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the run deadline")
                .isLessThan(LONG);
        assertThat(results.get(0)).isInstanceOf(HostResult.Ok.class);
        assertThat(results.get(2)).isInstanceOf(HostResult.Ok.class);
        HostResult.Failed<String> failed = (HostResult.Failed<String>) results.get(1);
        assertThat(failed.failure()).isEqualTo(FailureClass.COMMAND);
        assertThat(failed.message()).startsWith("db-02: internal error: java.lang.StackOverflowError: deep")
                .contains("please report it").doesNotContain("deadline");
    }

    /**
     * Ctrl-C (a StopSignal request) starts nothing new: the host in flight finishes with its own result, the
     * hosts not started are skipped; past the grace a host still running fails saying it may be half-done.
     */
    @Test
    void aStopStartsNoFurtherHostAndLetsTheOneInFlightFinish() throws Exception {
        StopSignal stop = new StopSignal(Duration.ofSeconds(30), "jts-fleet verify");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FleetRunner runner = runner(1, LONG).stoppableBy(stop);
        List<HostResult<String>>[] results = new List[1];
        Thread run = new Thread(() -> results[0] = runner.run(hosts(3), (transport, host) -> {
            running.countDown();
            await(release);
            return HostOutcome.changed(host.name());
        }, r -> { }));
        run.start();
        await(running);
        assertThat(stop.inFlight()).containsExactly("db-01");
        assertThat(stop.request()).isEqualTo(1);
        assertThat(runner.stopRequested()).isTrue();
        release.countDown();
        run.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(results[0]).containsExactly(new HostResult.Ok<>("db-01", "db-01", true),
                new HostResult.Skipped<>("db-02", "not started: interrupted (Ctrl-C)"),
                new HostResult.Skipped<>("db-03", "not started: interrupted (Ctrl-C)"));
    }

    @Test
    void aHostStillRunningAfterTheGraceMayBeHalfDone() {
        StopSignal stop = new StopSignal(Duration.ofMillis(200), "jts-fleet verify");
        CountDownLatch never = new CountDownLatch(1);
        List<HostResult<String>> results = runner(1, LONG).stoppableBy(stop).run(hosts(3), (transport, host) -> {
            if (host.name().equals("db-01")) {
                stop.request();
                await(never);
            }
            return HostOutcome.ok(host.name());
        }, r -> { });
        HostResult.Failed<String> halfDone = (HostResult.Failed<String>) results.get(0);
        assertThat(halfDone.failure()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(halfDone.message()).contains("interrupted (Ctrl-C) while its step was still running")
                .contains("may be half-done; check with jts-fleet verify -H db-01");
        assertThat(results.get(2)).isInstanceOf(HostResult.Skipped.class);
        never.countDown();
    }

    @Test
    void neverRunsMoreHostsAtOnceThanForks() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // the first four hosts hold their threads until all four run at once: the peak is reached for sure
        CountDownLatch fourRunning = new CountDownLatch(4);
        List<HostResult<Integer>> results = runner(4, LONG).run(hosts(24), (transport, host) -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            fourRunning.countDown();
            await(fourRunning);
            running.decrementAndGet();
            return HostOutcome.ok(now);
        }, r -> { });
        assertThat(results).hasSize(24).allSatisfy(r -> assertThat(r.isFailure()).isFalse());
        assertThat(peak.get()).isEqualTo(4);
        assertThat(threads).hasSize(4);
    }

    @Test
    void runDeadlineFailsHostsStillRunningOrNotStarted() {
        List<HostSpec> hosts = hosts(3);
        List<HostResult<String>> seen = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<HostResult<String>> results = runner(1, Duration.ofSeconds(1)).run(hosts, (transport, host) -> {
            if (!host.name().equals("db-01")) {
                sleep(120_000);
            }
            return HostOutcome.ok("late");
        }, seen::add);
        // the deadline is 1 s; 10 s is the bound that still proves the run did not wait for the sleeping host
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(results.get(0)).isEqualTo(new HostResult.Ok<>("db-01", "late", false));
        assertThat(results.get(1)).isEqualTo(new HostResult.Failed<>("db-02", FailureClass.TIMEOUT,
                "db-02: run deadline of 1 s passed while the host was still running"));
        assertThat(results.get(2)).isEqualTo(new HostResult.Failed<>("db-03", FailureClass.TIMEOUT,
                "db-03: run deadline of 1 s passed before the host started"));
        assertThat(seen).hasSize(3);
    }

    @Test
    void interruptingTheCallerFailsUnfinishedHostsAndKeepsTheInterruptFlag() throws Exception {
        AtomicReference<List<HostResult<String>>> results = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            results.set(runner(2, LONG).run(hosts(2), (transport, host) -> {
                sleep(10_000);
                return HostOutcome.ok("late");
            }, r -> { }));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(5_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(results.get()).containsExactly(
                new HostResult.Failed<>("db-01", FailureClass.TIMEOUT,
                        "db-01: run interrupted while the host was still running"),
                new HostResult.Failed<>("db-02", FailureClass.TIMEOUT,
                        "db-02: run interrupted while the host was still running"));
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void serialStopsWhenABatchFailsMoreThanMaxFail() {
        List<HostSpec> hosts = hosts(10);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        SerialRun<String> run = runner(8, LONG).runSerial(hosts, "3", 0, (transport, host) -> {
            ran.add(host.name());
            return host.name().equals("db-05") ? HostOutcome.failed("boom") : HostOutcome.ok("fine");
        }, r -> { });
        assertThat(run.results()).extracting(HostResult::host)
                .containsExactly("db-01", "db-02", "db-03", "db-04", "db-05", "db-06");
        assertThat(ran).containsExactlyInAnyOrder("db-01", "db-02", "db-03", "db-04", "db-05", "db-06");
        assertThat(run.untouched()).extracting(HostSpec::name).containsExactly("db-07", "db-08", "db-09", "db-10");
        assertThat(run.stopReason()).contains("stopped after batch 2: 1 of 3 hosts failed (33% > max-fail 0%)");
        assertThat(run.stoppedEarly()).isTrue();
    }

    @Test
    void maxFailIsComparedStrictly() {
        List<HostSpec> hosts = hosts(8);
        // Batches of 4: batch 1 has one failure (25%, not > 25), batch 2 has two (50% > 25).
        Set<String> failing = Set.of("db-02", "db-05", "db-06");
        SerialRun<String> run = runner(4, LONG).runSerial(hosts, "4", 25, (transport, host) ->
                failing.contains(host.name())
                        ? HostOutcome.failed(FailureClass.TIMEOUT, "slow")
                        : HostOutcome.ok("fine"), r -> { });
        assertThat(run.results()).hasSize(8);
        assertThat(run.untouched()).isEmpty();
        assertThat(run.stoppedEarly()).isFalse();

        SerialRun<String> stopped = runner(4, LONG).runSerial(hosts(12), "4", 25, (transport, host) ->
                failing.contains(host.name())
                        ? HostOutcome.failed(FailureClass.TIMEOUT, "slow")
                        : HostOutcome.ok("fine"), r -> { });
        assertThat(stopped.results()).hasSize(8);
        assertThat(stopped.untouched()).extracting(HostSpec::name).containsExactly("db-09", "db-10", "db-11", "db-12");
    }

    @Test
    void unreachableCountsAsFailureForMaxFailAndPercentBatches() {
        SerialRun<String> run = runner(4, LONG).runSerial(hosts(10), "20%", 49, (transport, host) -> {
            if (host.name().equals("db-03") || host.name().equals("db-04")) {
                throw new TransportException(FailureClass.UNREACHABLE, "down");
            }
            return HostOutcome.ok("fine");
        }, r -> { });
        // 20% of 10 = batches of 2; batch 2 (db-03, db-04) is 100% unreachable.
        assertThat(run.results()).extracting(HostResult::status)
                .containsExactly("ok", "ok", "unreachable", "unreachable");
        assertThat(run.untouched()).hasSize(6);
        assertThat(Recap.of(run.results()).exitCode()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
    }

    @Test
    void aThrowingListenerDoesNotStopOtherHostsButIsReported() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> runner(2, LONG).run(hosts(5), (transport, host) -> HostOutcome.ok(1), r -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener bug");
        assertThat(calls.get()).isEqualTo(5);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> runner(0, LONG)).hasMessage("forks must be at least 1, got 0");
        assertThatThrownBy(() -> runner(1, LONG).runSerial(hosts(2), "2", 101, (t, h) -> HostOutcome.ok(1), r -> { }))
                .hasMessage("max-fail percentage must be 0..100, got 101");
        assertThatThrownBy(() -> runner(1, LONG).runSerial(hosts(2), "two", 0, (t, h) -> HostOutcome.ok(1), r -> { }))
                .hasMessage("serial batch \"two\" is neither a host count nor a percentage like 25%");
    }

    @Test
    void emptyHostListGivesEmptyResults() {
        assertThat(runner(4, LONG).run(List.of(), (t, h) -> HostOutcome.ok(1), r -> { })).isEmpty();
    }

    /** Waits for {@code latch}, at most 30 s (a test bug, not a timing, if that passes). */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
