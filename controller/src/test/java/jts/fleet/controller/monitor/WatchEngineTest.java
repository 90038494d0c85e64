package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Thresholds;
import jts.fleet.inventory.Tier;
import jts.fleet.inventory.TierMatch;
import jts.fleet.remote.stats.DeviceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchEngineTest {
    static final Tier DB = new Tier("db", new TierMatch(Set.of(DeviceClass.NVME), List.of(), List.of()), Map.of(),
            true, new Thresholds(2, 5, 2, 5, 1, 3, 2, 5, 7, 85, 95), false);
    static final Policy POLICY = new Policy(List.of(DB), new Maintenance(List.of(), "Sat *-*-* 03:00:00", 10),
            Map.of());
    /**
     * Ticks of these tests. Their hosts are {@link TickedHost}s: a host's next frame is written between two ticks, so
     * which tick sees it never depends on the machine's load; the engine's reader threads get the rest of the
     * interval and the half-tick grace (at least 250 ms) to read a frame that is already written.
     */
    static final Duration TICK = Duration.ofMillis(500);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC);

    private final List<WatchEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(WatchEngine::close);
    }

    /** uptime, then nvme0n1 (20 fields) with {@code n} reads of {@code readMs} each per second, sda idle. */
    static String sample(double uptime, long reads, long readTicks, long writes, long writeTicks) {
        return String.format(java.util.Locale.ROOT, "%.2f 100.00%n"
                        + " 259 0 nvme0n1 %d 0 %d %d %d 0 %d %d 0 %d %d 0 0 0 0 %d %d%n"
                        + "   8 0 sda 10 0 80 5 0 0 0 0 0 5 5 0 0 0 0 0 0%n"
                        + "   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0%n",
                uptime, reads, reads * 8, readTicks, writes, writes * 8, writeTicks, reads, readTicks + writeTicks,
                writes / 10, writeTicks / 10);
    }

    static ExecResult ok(String out) {
        return new ExecResult(0, out.getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(1));
    }

    private WatchEngine engine(Map<String, Transport> transports, WatchOptions options) {
        List<WatchTarget> targets = transports.keySet().stream().sorted()
                .map(h -> new WatchTarget(h, POLICY, Map.of("nvme0n1", "db"), Map.of("nvme0n1",
                        new DeviceInfo(true, false))))
                .toList();
        WatchEngine e = new WatchEngine(targets, transports::get, options, CLOCK);
        engines.add(e);
        return e;
    }

    /**
     * Runs {@code engine} for its count of ticks; after each tick every host of {@code hosts} sends its next frame.
     * Tick 0 therefore has no new frame (a gap); tick n (n >= 1) has exactly frame n of each host.
     */
    private static List<WatchTick> run(WatchEngine engine, TickedHost... hosts) throws InterruptedException {
        List<WatchTick> ticks = new ArrayList<>();
        engine.run(tick -> {
            ticks.add(tick);
            for (TickedHost host : hosts) {
                host.release();
            }
        });
        return ticks;
    }

    @Test
    void ratesBreachesAndJsonShape() throws Exception {
        // 1000 reads/s at 6 ms (critical for db), 100 writes/s at 1 ms
        TickedHost h1 = new TickedHost("h1", k -> ok(sample(100 + k, 1000L * k, 6000L * k, 100L * k, 100L * k)));
        List<WatchTick> ticks = run(engine(Map.of("h1", h1), WatchOptions.of(TICK, 2)), h1);
        assertThat(ticks).hasSize(2);
        WatchTick.HostTick host = ticks.get(1).hosts().get(0);
        assertThat(host.error()).isEmpty();
        // sda had no I/O and no tier, loop0 neither: hidden
        assertThat(host.rows()).extracting(WatchTick.Row::device).containsExactly("nvme0n1");
        WatchTick.Row row = host.rows().get(0);
        assertThat(row.rates().readsPerSec()).isEqualTo(1000);
        assertThat(row.rates().readAwaitMs()).isEqualTo(6);
        assertThat(row.breaches()).extracting(b -> b.describe()).containsExactly("r_await 6.00 ms > 5 ms");

        JsonNode json = new ObjectMapper().readTree(WatchView.json(ticks.get(1)));
        assertThat(json.get("time").asText()).isEqualTo("2026-11-26T05:00:00Z");
        JsonNode d = json.get("hosts").get(0).get("devices").get(0);
        assertThat(d.get("device").asText()).isEqualTo("nvme0n1");
        assertThat(d.get("tier").asText()).isEqualTo("db");
        for (String key : List.of("r_s", "w_s", "rkb_s", "wkb_s", "r_await_ms", "w_await_ms", "f_await_ms",
                "aqu_sz", "util_pct")) {
            assertThat(d.has(key)).as(key).isTrue();
        }
        assertThat(d.get("rkb_s").asDouble()).isEqualTo(4000);
        assertThat(d.get("util_meaningful").asBoolean()).as("NVMe %util").isFalse();
        assertThat(d.get("breach").asText()).isEqualTo("critical");
        assertThat(WatchView.text(ticks.get(1), false)).contains("nvme0n1").contains("r_await 6.00 ms > 5 ms")
                .doesNotContain("\u001b[");
        assertThat(WatchView.text(ticks.get(1), true)).contains("\u001b[31;1m");
    }

    @Test
    void aHostThatDropsIsReportedAndComesBack() throws Exception {
        TickedHost good = new TickedHost("a-good", k -> ok(sample(100 + k, 10L * k, 10L * k, 0, 0)));
        // frame 2 never comes: the sampler dies with the host's last words; frame 3 is the restarted sampler's first
        TickedHost flaky = new TickedHost("b-flaky", k -> {
            if (k == 2) {
                throw new TransportException(FailureClass.UNREACHABLE, "b-flaky: connection refused");
            }
            return ok(sample(100 + k, 10L * k, 10L * k, 0, 0));
        });
        WatchEngine e = engine(Map.of("a-good", good, "b-flaky", flaky), WatchOptions.of(TICK, 4));
        List<WatchTick> ticks = run(e, good, flaky);
        assertThat(ticks).hasSize(4);
        assertThat(ticks.get(1).hosts()).allSatisfy(h -> assertThat(h.rows()).as(h.host()).isNotEmpty());
        // the sampler died mid-stream: the tick says so, with the host's message
        assertThat(ticks.get(2).hosts().get(1).error()).hasValueSatisfying(
                error -> assertThat(error).isEqualTo("b-flaky: sampler ended: connection refused"));
        assertThat(ticks.get(2).hosts().get(0).rows()).isNotEmpty();
        // back on the next tick, rates averaged over the gap (2 s of host time: frames 1 and 3)
        WatchTick.HostTick back = ticks.get(3).hosts().get(1);
        assertThat(back.error()).isEmpty();
        assertThat(back.rows().get(0).rates().readsPerSec()).isEqualTo(10);
        assertThat(flaky.streamCount()).as("samplers started on the flaky host").isEqualTo(2);
        assertThat(good.streamCount()).as("samplers started on the good host").isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(WatchView.json(ticks.get(2)));
        assertThat(json.get("hosts").get(1).get("error").asText()).contains("connection refused");
        assertThat(WatchView.text(ticks.get(2), false)).contains("! b-flaky: sampler ended: connection refused");
    }

    @Test
    void devicesComingAndGoingAreNotes() throws Exception {
        TickedHost h = new TickedHost("h1", k -> {
            String extra = k == 1 ? "   7 1 loop1 5 0 40 1 0 0 0 0 0 1 1 0 0 0 0 0 0\n" : "";
            return ok(sample(100 + k, 10L * k, 10L * k, 0, 0) + extra);
        });
        List<WatchTick> ticks = run(engine(Map.of("h1", h), WatchOptions.of(TICK, 3)), h);
        assertThat(ticks.get(1).hosts().get(0).notes()).containsExactly("appeared: loop1");
        assertThat(ticks.get(2).hosts().get(0).notes()).containsExactly("vanished: loop1");
        assertThat(ticks.get(2).hosts().get(0).rows()).extracting(WatchTick.Row::device).containsExactly("nvme0n1");
    }

    @Test
    void filtersAndShowIdle() throws Exception {
        TickedHost h = new TickedHost("h1", k -> ok(sample(100 + k, 10L * k, 10L * k, 0, 0)));
        WatchOptions idle = new WatchOptions(TICK, 2, Set.of(), List.of("s*", "loop*"), true,
                Duration.ofSeconds(5));
        List<WatchTick> ticks = run(engine(Map.of("h1", h), idle), h);
        assertThat(ticks.get(1).hosts().get(0).rows()).extracting(WatchTick.Row::device)
                .containsExactlyInAnyOrder("sda", "loop0");
        TickedHost again = new TickedHost("h1", k -> ok(sample(100 + k, 10L * k, 10L * k, 0, 0)));
        WatchOptions tier = new WatchOptions(TICK, 2, Set.of("bulk"), List.of(), true,
                Duration.ofSeconds(5));
        ticks = run(engine(Map.of("h1", again), tier), again);
        assertThat(ticks.get(1).hosts().get(0).error()).as("a frame arrived, none of its devices passed").isEmpty();
        assertThat(ticks.get(1).hosts().get(0).rows()).isEmpty();
    }

    @Test
    void aSlowHostDoesNotHoldTheTick() throws Exception {
        FakeTransport slow = new FakeTransport("slow", (s, a, i) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return ok(sample(1, 0, 0, 0, 0));
        });
        WatchOptions o = new WatchOptions(Duration.ofMillis(200), 2, Set.of(), List.of(), false,
                Duration.ofMillis(150));
        List<WatchTick> ticks = new ArrayList<>();
        long started = System.nanoTime();
        engine(Map.of("slow", slow), o).run(ticks::add);
        // two ticks of 200 ms are expected; 10 s (far above, far below the host's 60 s) proves nobody waited
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // no frame at all: each tick shows the gap, none repeats old numbers
        assertThat(ticks).allSatisfy(t -> assertThat(t.hosts().get(0).error())
                .hasValueSatisfying(e -> assertThat(e).contains("slow: no sample this interval")));
    }

    @Test
    void oneSamplerPerHostServesEveryTick() throws Exception {
        TickedHost h = new TickedHost("h1", k -> ok(sample(100 + k, 10L * k, 10L * k, 0, 0)));
        List<WatchTick> ticks = run(engine(Map.of("h1", h), WatchOptions.of(TICK, 5)), h);
        // tick 0 comes before the first frame after the baseline (run(...)); each later one has its frame
        assertThat(ticks).hasSize(5);
        assertThat(ticks.subList(1, 5)).allSatisfy(t -> assertThat(t.hosts().get(0).rows()).isNotEmpty());
        assertThat(h.streamCount()).as("samplers started").isEqualTo(1);
    }

    /** A host that watch only streams from: the transport methods a sampler never calls. */
    private abstract static class StreamOnlyHost implements Transport {
        private final String name;

        StreamOnlyHost(String name) {
            this.name = name;
        }

        @Override
        public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become) {
            throw new UnsupportedOperationException("watch runs no exec");
        }

        @Override
        public String hostName() {
            return name;
        }

        @Override
        public Duration lastLatency() {
            return Duration.ZERO;
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A host whose one stream carries exactly the frames a test writes, numbered as the test numbers them. */
    private static final class ScriptedStream extends StreamOnlyHost {
        final ScriptedFrames frames = new ScriptedFrames();
        final AtomicInteger streams = new AtomicInteger();

        ScriptedStream() {
            super("h1");
        }

        void frame(long seq, String body) {
            frames.frame(seq, body);
        }

        @Override
        public jts.fleet.controller.transport.StreamingCommand stream(String script, List<String> args,
                Duration lifetime) {
            streams.incrementAndGet();
            return frames;
        }
    }

    /** What a {@link TickedHost} sends as its frame number {@code k} (counted over all its samplers). */
    @FunctionalInterface
    interface Frames {
        ExecResult frame(int k) throws TransportException;
    }

    /**
     * A host whose sampler sends one frame per {@link #release()}, called by the test between ticks: which tick
     * sees which frame, and whether a sampler that ends and the one started after it fall in the same tick, does
     * not depend on thread scheduling. Frame k is what {@code frames} answers for k; an answer that throws ends the
     * sampler with the message as the host's last words (stderr). Until a first frame was sent, starting a sampler
     * asks for one at once (the engine's baseline; a throw there is a failed connect, on every start); a sampler
     * started after an end sends on the next release.
     */
    private static final class TickedHost extends StreamOnlyHost {
        private final String name;
        private final Frames frames;
        private int next; // guarded by this: the number of the next frame
        private int releases; // guarded by this: releases no sampler has served yet
        private int streams; // guarded by this
        private ScriptedFrames current; // guarded by this: null before the first sampler and after an end

        TickedHost(String name, Frames frames) {
            super(name);
            this.name = name;
            this.frames = frames;
        }

        /** The running sampler sends its next frame (the next one started does, if none runs). */
        synchronized void release() {
            releases++;
            serve();
        }

        synchronized int streamCount() {
            return streams;
        }

        private void serve() {
            while (current != null && releases > 0) {
                releases--;
                send();
            }
        }

        private void send() {
            try {
                current.frame(frames.frame(next++));
            } catch (TransportException e) {
                String message = e.getMessage();
                current.end(message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message);
                current = null;
            }
        }

        @Override
        public synchronized jts.fleet.controller.transport.StreamingCommand stream(String script, List<String> args,
                Duration lifetime) throws TransportException {
            streams++;
            ScriptedFrames started = new ScriptedFrames();
            if (next == 0) {
                started.frame(frames.frame(0)); // a throw: as a failed connect
                next = 1;
            }
            current = started;
            serve();
            return started;
        }
    }

    /** One sampler's output: frames numbered from 0, then an end with the host's last words on stderr. */
    private static final class ScriptedFrames implements jts.fleet.controller.transport.StreamingCommand {
        private final java.io.PipedOutputStream out = new java.io.PipedOutputStream();
        private final java.io.PipedInputStream stdout;
        private volatile String stderr = "";
        private long seq;

        ScriptedFrames() {
            try {
                stdout = new java.io.PipedInputStream(out, 1 << 20);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The next frame, numbered one after the last. */
        void frame(ExecResult answer) {
            frame(seq, answer.stdoutText());
        }

        /** Frame {@code n} (numbers a sampler skipped are left out), carrying {@code body}. */
        void frame(long n, String body) {
            seq = n + 1;
            write("@@jts-sample " + n + "\n" + body + "@@jts-end " + n + "\n");
        }

        /** The host's last words, then the end of stdout: stderr is written before the channel closes. */
        void end(String lastWords) {
            stderr = lastWords;
            try {
                out.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush(); // wakes the reader at once
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public java.io.InputStream stdout() {
            return stdout;
        }

        @Override
        public String stderr() {
            return stderr;
        }

        @Override
        public void close() {
            try {
                stdout.close();
            } catch (java.io.IOException e) {
                // nothing to do
            }
        }
    }

    @Test
    void lateFramesAndSkippedSlotsAreShownAsAGapNeverSkippedSilently() throws Exception {
        ScriptedStream host = new ScriptedStream();
        WatchEngine e = engine(Map.of("h1", host), WatchOptions.of(TICK, 3));
        host.frame(0, sample(100, 0, 0, 0, 0));
        List<WatchTick> ticks = new ArrayList<>();
        // the frames for the next tick are written between ticks: none for the first, then a burst of two
        // late frames, then one after two slots the host skipped
        e.run(tick -> {
            ticks.add(tick);
            if (ticks.size() == 1) {
                host.frame(1, sample(101, 100, 100, 0, 0));
                host.frame(2, sample(102, 200, 200, 0, 0));
            } else if (ticks.size() == 2) {
                host.frame(5, sample(105, 500, 500, 0, 0));
            }
        });
        assertThat(ticks.get(0).hosts().get(0).error()).hasValueSatisfying(
                error -> assertThat(error).contains("h1: no sample this interval"));
        WatchTick.HostTick burst = ticks.get(1).hosts().get(0);
        assertThat(burst.rows().get(0).rates().readsPerSec()).isEqualTo(100);
        assertThat(burst.notes()).contains("rates over 2.00 s of host time (2 samples arrived)");
        WatchTick.HostTick skipped = ticks.get(2).hosts().get(0);
        assertThat(skipped.rows().get(0).rates().readsPerSec()).as("averaged over the whole gap").isEqualTo(100);
        assertThat(skipped.notes()).contains(
                "rates over 3.00 s of host time (1 sample arrived, 2 skipped by a sampler that fell behind or restarted)");
        assertThat(host.streams.get()).isEqualTo(1);
    }

    @Test
    void textViewMatchesGolden() throws Exception {
        TickedHost h1 = new TickedHost("db-01", k -> ok(sample(100 + k, 1000L * k, 3000L * k, 100L * k, 100L * k)));
        TickedHost h2 = new TickedHost("db-02", k -> {
            throw new TransportException(FailureClass.UNREACHABLE, "db-02: connect to 10.0.0.2:22: refused");
        });
        List<WatchTick> ticks = run(engine(Map.of("db-01", h1, "db-02", h2), WatchOptions.of(TICK, 2)), h1, h2);
        String text = WatchView.text(ticks.get(1), false);
        jts.fleet.inventory.testing.Golden.check(java.nio.file.Path.of("src/test/resources/monitor/watch-text.golden"), text);
    }
}
