package jts.fleet.controller.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.monitor.LatencyBreach;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;
import jts.fleet.remote.stats.Sample;

/**
 * The live fleet I/O view: every {@code interval}, one exec of a fixed {@code cat} per host over its
 * persistent transport (all hosts in parallel), iostat -x figures per device from consecutive samples, breaches
 * of the tier thresholds. A host that fails is reported in that tick and tried again on the next (the SSH
 * transport reconnects by itself); its last good sample is kept, so the first tick after a reconnect shows the
 * average over the gap. Ticks are aligned to a fixed schedule (no drift from slow hosts): a host whose previous
 * read is still running is reported as such and not asked again until it answers.
 */
public final class WatchEngine implements AutoCloseable {
    private final List<WatchTarget> targets;
    private final Function<String, Transport> transports;
    private final WatchOptions options;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Sample> previous = new HashMap<>();
    private final Map<String, Future<String>> inFlight = new HashMap<>();

    /**
     * @param transports transport per host name (e.g. {@code name -> pool.get(hostSpec)}); called every tick, so
     *                   a pool may hand out a fresh transport after an eviction
     */
    public WatchEngine(List<WatchTarget> targets, Function<String, Transport> transports, WatchOptions options,
                       Clock clock) {
        this.targets = List.copyOf(targets);
        this.transports = transports;
        this.options = options;
        this.clock = clock;
        // one thread per host up to 32: an exec mostly waits on the network
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(32, targets.size())), r -> {
            Thread t = new Thread(r, "jts-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes a baseline sample, then emits {@code count} ticks (forever when 0) to {@code sink}, which runs on
     * the calling thread. Returns when done; interrupting the calling thread stops it.
     */
    public void run(Consumer<WatchTick> sink) throws InterruptedException {
        long intervalNanos = options.interval().toNanos();
        long next = System.nanoTime();
        sampleAll(options.execTimeout()); // baseline: no rates yet; first connects may take their full timeout
        for (long n = 0; options.count() == 0 || n < options.count(); n++) {
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                // fell behind (a slow sink): skip missed slots instead of bursting
                next = System.nanoTime();
            }
            sink.accept(tick());
        }
    }

    /** One tick now: sample every host and compute against its previous sample. */
    WatchTick tick() throws InterruptedException {
        Map<String, Result> results = sampleAll(
                Duration.ofNanos(Math.max(options.interval().toNanos() * 9 / 10, Duration.ofMillis(100).toNanos())));
        List<WatchTick.HostTick> hosts = new ArrayList<>();
        for (WatchTarget target : targets) {
            hosts.add(hostTick(target, results.get(target.host())));
        }
        return new WatchTick(clock.instant(), hosts);
    }

    private record Result(Optional<Sample> previous, Optional<Sample> current, Optional<String> error) {
    }

    /** Samples every free host, waiting at most {@code wait} (capped by the exec timeout) for answers. */
    private Map<String, Result> sampleAll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(options.execTimeout().toNanos(), wait.toNanos());
        Map<String, Future<String>> submitted = new LinkedHashMap<>();
        Map<String, Result> results = new LinkedHashMap<>();
        for (WatchTarget target : targets) {
            Future<String> running = inFlight.get(target.host());
            if (running != null && !running.isDone()) {
                results.put(target.host(), new Result(Optional.empty(), Optional.empty(),
                        Optional.of("previous read still running")));
                continue;
            }
            Future<String> f = pool.submit(() -> read(target));
            inFlight.put(target.host(), f);
            submitted.put(target.host(), f);
        }
        for (Map.Entry<String, Future<String>> e : submitted.entrySet()) {
            String host = e.getKey();
            Sample before = previous.get(host);
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                String out = e.getValue().get(remaining, TimeUnit.NANOSECONDS);
                Sample sample = HostReads.parseWatch(host, out);
                previous.put(host, sample);
                results.put(host, new Result(Optional.ofNullable(before), Optional.of(sample), Optional.empty()));
            } catch (TimeoutException ex) {
                results.put(host, new Result(Optional.empty(), Optional.empty(),
                        Optional.of(host + ": no answer within " + Math.min(options.execTimeout().toMillis(),
                                wait.toMillis()) + " ms")));
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                results.put(host, new Result(Optional.empty(), Optional.empty(), Optional.of(
                        cause instanceof TransportException || cause instanceof DiskStatsException
                                ? cause.getMessage() : host + ": " + cause)));
            } catch (DiskStatsException ex) {
                results.put(host, new Result(Optional.empty(), Optional.empty(), Optional.of(ex.getMessage())));
            }
        }
        return results;
    }

    private String read(WatchTarget target) throws TransportException, DiskStatsException {
        String host = target.host();
        Transport t = transports.apply(host);
        ExecResult r = t.exec(HostReads.watchScript(), HostReads.sysrootArgs(target.sysroot()), new byte[0],
                options.execTimeout(), false);
        if (!r.ok()) {
            throw new DiskStatsException(host + ": reading /proc/diskstats failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdoutText();
    }

    private WatchTick.HostTick hostTick(WatchTarget target, Result result) {
        if (result.error().isPresent()) {
            return new WatchTick.HostTick(target.host(), result.error(), List.of(), List.of());
        }
        if (result.previous().isEmpty()) {
            return new WatchTick.HostTick(target.host(), Optional.empty(), List.of(),
                    List.of("first sample: rates from the next interval"));
        }
        IoStat.Interval interval = IoStat.between(result.previous().get(), result.current().get(),
                target.deviceInfo());
        List<WatchTick.Row> rows = new ArrayList<>();
        for (DeviceRates r : interval.devices()) {
            String tier = target.tierByDevice().getOrDefault(r.device(), "");
            if (!options.acceptsTier(tier) || !options.acceptsDevice(r.device())) {
                continue;
            }
            boolean idle = r.readsPerSec() + r.writesPerSec() + r.discardsPerSec().orElse(0)
                    + r.flushesPerSec().orElse(0) == 0;
            if (idle && tier.isEmpty() && !options.showIdle()) {
                continue;
            }
            List<LatencyBreach> breaches = target.policy().tier(tier).map(Tier::thresholds)
                    .map((Thresholds t) -> LatencyBreach.evaluate(r, t)).orElse(List.of());
            rows.add(new WatchTick.Row(target.host(), r.device(), tier, r, breaches));
        }
        rows.sort(WORST_FIRST);
        List<String> notes = new ArrayList<>();
        if (!interval.appeared().isEmpty()) {
            notes.add("appeared: " + String.join(" ", interval.appeared()));
        }
        if (!interval.vanished().isEmpty()) {
            notes.add("vanished: " + String.join(" ", interval.vanished()));
        }
        if (!interval.reset().isEmpty()) {
            notes.add("counters reset (skipped this interval): " + String.join(" ", interval.reset()));
        }
        return new WatchTick.HostTick(target.host(), Optional.empty(), rows, notes);
    }

    /** Breached rows first (critical, then warning), then by the worst await. */
    static final Comparator<WatchTick.Row> WORST_FIRST = Comparator
            .comparing((WatchTick.Row r) -> r.worst().map(l -> -l.ordinal() - 1).orElse(0))
            .thenComparing(r -> -r.rates().maxAwaitMs())
            .thenComparing(WatchTick.Row::host)
            .thenComparing(WatchTick.Row::device);

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
