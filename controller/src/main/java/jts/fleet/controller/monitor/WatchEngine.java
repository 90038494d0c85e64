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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.monitor.LatencyBreach;
import jts.fleet.remote.monitor.SampleFrames;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.IoStat;
import jts.fleet.remote.stats.Sample;

/**
 * The live fleet I/O view: ONE long-running sampler per host ({@link HostSampler}, the fixed
 * {@code watch-stream.sh}) prints the host's counters every {@code interval}, stamped with the host's monotonic
 * clock, over one channel of the host's persistent transport; iostat -x figures per device come from consecutive
 * frames, so network jitter and the controller's scheduling do not distort the rates, and a login shell that
 * takes a second to start is paid once, not every tick. Breaches of the tier thresholds are judged per row.
 *
 * <p>Ticks follow a fixed schedule from the baseline. A host whose frame is late gets up to half an interval
 * more; a host with no new frame shows a gap (an error line saying how long since its last sample), never a
 * silent repeat. When frames come late in a burst, the tick covers all of them (rates over the whole span of
 * host time, nothing skipped) and says so; a sampler that fell behind on its host shows as a longer span. A host
 * whose sampler ends (dropped connection, garbage, its own lifetime) is reported in that tick and its sampler
 * started again; its last good sample is kept, so its first tick back shows the average over the gap.
 */
public final class WatchEngine implements AutoCloseable {
    /** A sampler's own lifetime on the host when watching forever; a new one follows it. */
    static final Duration FOREVER_LIFETIME = Duration.ofHours(1);

    private final List<WatchTarget> targets;
    private final WatchOptions options;
    private final Clock clock;
    private final ExecutorService readers;
    private final Map<String, HostSampler> samplers = new LinkedHashMap<>();
    private final Map<String, SampleFrames.Frame> previous = new HashMap<>();
    private final Map<String, Long> arrivedAt = new HashMap<>(); // nanoTime the previous frame was taken

    /**
     * @param transports transport per host name (e.g. {@code name -> pool.get(hostSpec)}); asked again whenever a
     *                   sampler (re)starts, so a pool may hand out a fresh transport after an eviction
     */
    public WatchEngine(List<WatchTarget> targets, Function<String, Transport> transports, WatchOptions options,
                       Clock clock) {
        this.targets = List.copyOf(targets);
        this.options = options;
        this.clock = clock;
        // one reader thread per host: each blocks on its sampler's stream for the whole run
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jts-watch-sampler");
            t.setDaemon(true);
            return t;
        });
        Duration lifetime = options.count() == 0 ? FOREVER_LIFETIME : min(FOREVER_LIFETIME,
                options.interval().multipliedBy(options.count() + 2).plus(options.execTimeout()).plusSeconds(30));
        for (WatchTarget target : this.targets) {
            samplers.put(target.host(), new HostSampler(target, transports, options.interval(),
                    Duration.ofSeconds(Math.max(1, lifetime.toSeconds())), readers));
        }
    }

    /**
     * Takes a baseline sample, then emits {@code count} ticks (forever when 0) to {@code sink}, which runs on
     * the calling thread. Returns when done; interrupting the calling thread stops it.
     */
    public void run(Consumer<WatchTick> sink) throws InterruptedException {
        long intervalNanos = options.interval().toNanos();
        // baseline: the first frame of every host; a first connect may take the whole exec timeout
        collect(System.nanoTime() + options.execTimeout().toNanos(), 0);
        long next = System.nanoTime();
        for (long n = 0; options.count() == 0 || n < options.count(); n++) {
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                // fell behind (a slow sink): the frames wait in the samplers' queues, the next tick covers them
                next = System.nanoTime();
            }
            sink.accept(tick());
        }
    }

    /** One tick now: what every host's sampler sent since the last tick, against its previous frame. */
    WatchTick tick() throws InterruptedException {
        Map<String, Result> results = collect(System.nanoTime(), options.interval().toNanos() / 2);
        List<WatchTick.HostTick> hosts = new ArrayList<>();
        for (WatchTarget target : targets) {
            hosts.add(hostTick(target, results.get(target.host())));
        }
        return new WatchTick(clock.instant(), hosts);
    }

    /** What one host had for one tick. {@code current} empty with no error: nothing arrived (a gap). */
    private record Result(Optional<SampleFrames.Frame> previous, Optional<SampleFrames.Frame> current, int frames,
                          Optional<String> error, Optional<String> restartedAfter, long dropped) {
    }

    /**
     * Takes every host's arrivals; a host that has none by {@code deadline} may wait {@code grace} more (for
     * late frames), all hosts waiting at the same time.
     */
    private Map<String, Result> collect(long deadline, long graceNanos) throws InterruptedException {
        Map<String, Result> results = new LinkedHashMap<>();
        samplers.values().forEach(HostSampler::ensureRunning);
        long until = deadline + graceNanos;
        for (HostSampler sampler : samplers.values()) {
            List<HostSampler.Arrival> arrivals = sampler.take(Duration.ofNanos(until - System.nanoTime()));
            results.put(sampler.host(), result(sampler, arrivals));
        }
        samplers.values().forEach(HostSampler::ensureRunning); // a sampler that just ended starts again now
        return results;
    }

    private Result result(HostSampler sampler, List<HostSampler.Arrival> arrivals) {
        String host = sampler.host();
        SampleFrames.Frame before = previous.get(host);
        SampleFrames.Frame newest = null;
        int frames = 0;
        String error = null;
        for (HostSampler.Arrival arrival : arrivals) {
            if (arrival instanceof HostSampler.Arrival.Sampled sampled) {
                newest = sampled.frame();
                frames++;
            } else if (arrival instanceof HostSampler.Arrival.Ended ended && !ended.expected()) {
                error = ended.reason();
            }
        }
        if (newest != null) {
            previous.put(host, newest);
            arrivedAt.put(host, System.nanoTime());
        }
        if (error != null && newest == null) {
            return new Result(Optional.empty(), Optional.empty(), 0, Optional.of(error), Optional.empty(),
                    sampler.takeDropped());
        }
        // a sampler that ended and was back within the same tick: its end is still told
        return new Result(Optional.ofNullable(before), Optional.ofNullable(newest), frames, Optional.empty(),
                Optional.ofNullable(error), sampler.takeDropped());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private WatchTick.HostTick hostTick(WatchTarget target, Result result) {
        if (result.error().isPresent()) {
            return new WatchTick.HostTick(target.host(), result.error(), List.of(), List.of());
        }
        if (result.current().isEmpty()) {
            String since = result.previous().map(p -> "; last one " + seconds(ageOf(target.host(), p)) + " ago")
                    .orElse("");
            return new WatchTick.HostTick(target.host(), Optional.of(target.host() + ": no sample this interval"
                    + " (sampler starting or behind" + since + ")"), List.of(), List.of());
        }
        if (result.previous().isEmpty()) {
            return new WatchTick.HostTick(target.host(), Optional.empty(), List.of(),
                    List.of("first sample: rates from the next interval"));
        }
        Sample before = result.previous().get().sample();
        Sample now = result.current().get().sample();
        IoStat.Interval interval = IoStat.between(before, now, target.deviceInfo());
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
        result.restartedAfter().ifPresent(reason -> notes.add("sampler restarted after: " + reason));
        double span = now.uptimeSeconds() - before.uptimeSeconds();
        // slots of the sampler's schedule this tick covers but no frame of it: skipped on the host
        long skipped = Math.max(0, result.current().get().seq() - result.previous().get().seq() - result.frames());
        if (result.frames() > 1 || skipped > 0 || result.dropped() > 0) {
            // a gap is shown as a gap: these rates average the whole span of host time since the last tick
            notes.add(String.format(java.util.Locale.ROOT, "rates over %.2f s of host time (%d sample%s arrived%s%s)",
                    span, result.frames(), result.frames() == 1 ? "" : "s",
                    skipped > 0 ? ", " + skipped + " skipped by a sampler that fell behind or restarted" : "",
                    result.dropped() > 0 ? ", " + result.dropped() + " dropped while the view was stalled" : ""));
        }
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

    /** Host time since {@code frame}, estimated from its arrival: the host's clock is not ours. */
    private Duration ageOf(String host, SampleFrames.Frame frame) {
        Long at = arrivedAt.get(host);
        return at == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - at);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        samplers.values().forEach(HostSampler::close);
        readers.shutdownNow();
    }
}
