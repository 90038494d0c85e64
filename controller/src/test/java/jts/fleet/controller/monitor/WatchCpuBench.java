package jts.fleet.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.controller.transport.Transport;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;

/**
 * Benchmark: watch sampling 20 hosts (real sshd on loopback, one persistent SSH connection each) at 1 s must cost
 * the controller JVM under 5 % of one core. CPU = utime + stime of this JVM from /proc/self/stat over the
 * measured ticks, after warm-up ticks (connects, JIT). The sshd side is the hosts' cost, not the controller's.
 * {@code -Djts.bench.seconds=N} sets the measured duration (default 20).
 *
 * <p>The budget applies to the controller as bin/jts-fleet launches it ({@code -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1}): scripts/bench/watch-cpu.sh passes those flags. Under the test JVM's defaults (G1, C2
 * compiling for the first minute) the same work measured 7-11 %, so without the flags the check is 15 %.
 */
class WatchCpuBench {
    static final int HOSTS = 20;

    @Test
    void twentyHostsAtOneSecondCostUnderFivePercentOfACore() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("sshd");
        int seconds = Integer.getInteger("jts.bench.seconds", 20);
        int warmup = 5;
        try (SshdFixture sshd = SshdFixture.builder().hosts(HOSTS).noSudoUser().start()) {
            Path knownHosts = sshd.writeKnownHosts();
            Map<String, Transport> transports = new HashMap<>();
            List<WatchTarget> targets = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                HostSpec spec = sshd.host(i, SshdFixture.NO_SUDO_USER, sshd.ed25519Identity(), knownHosts, false);
                transports.put(spec.name(), new SshTransport(spec, SshOptions.defaults()));
                targets.add(new WatchTarget(spec.name(), WatchEngineTest.POLICY, Map.of(), Map.of()));
            }
            AtomicInteger ticks = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger rows = new AtomicInteger();
            long[] start = new long[2];
            String[] threads = new String[1];
            try (WatchEngine engine = new WatchEngine(targets, transports::get,
                    new WatchOptions(Duration.ofSeconds(1), warmup + seconds, Set.of(), List.of(), false,
                            Duration.ofSeconds(5)), Clock.systemUTC())) {
                engine.run(tick -> {
                    // render both views as the CLI would, so their cost is measured too
                    WatchView.json(tick);
                    WatchView.text(tick, false);
                    int n = ticks.incrementAndGet();
                    if (n == warmup) {
                        start[0] = cpuTicks();
                        start[1] = System.nanoTime();
                    } else if (n == warmup + seconds) {
                        threads[0] = busiestThreads();
                    }
                    if (n > warmup) {
                        tick.hosts().forEach(h -> {
                            h.error().ifPresent(e -> errors.incrementAndGet());
                            rows.addAndGet(h.rows().size());
                        });
                    }
                });
            } finally {
                transports.values().forEach(Transport::close);
            }
            long cpu = cpuTicks() - start[0];
            double wall = (System.nanoTime() - start[1]) / 1e9;
            double cpuSeconds = cpu / (double) clockTicksPerSecond();
            double pct = 100.0 * cpuSeconds / wall;
            String report = String.format(java.util.Locale.ROOT,
                    "[WatchCpuBench] %d hosts, 1 s interval, %d measured ticks over %.1f s wall: JVM CPU %.2f s "
                            + "= %.2f %% of one core (%d host errors, %d rows)", HOSTS, seconds, wall, cpuSeconds, pct,
                    errors.get(), rows.get());
            System.out.println(report);
            System.out.println("[WatchCpuBench] busiest threads (CPU s since JVM start): " + threads[0]);
            assertThat(errors.get()).as(report).isZero();
            List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
            boolean launcherFlags = jvmArgs.contains("-XX:+UseSerialGC") && jvmArgs.contains("-XX:TieredStopAtLevel=1");
            System.out.println("[WatchCpuBench] launcher JVM flags: " + launcherFlags);
            assertThat(pct).as(report).isLessThan(launcherFlags ? 5.0 : 15.0);
        }
    }

    /** Where the CPU went, by thread name (numbers folded), for the report. */
    static String busiestThreads() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info != null && t > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), t, Long::sum);
            }
        }
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> String.format(java.util.Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue() / 1e9))
                .toList().toString();
    }

    /** utime + stime of this process, in clock ticks (fields 14 and 15 of /proc/self/stat). */
    static long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) may contain spaces: split after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read /proc/self/stat", e);
        }
    }

    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes()).strip());
        } catch (java.io.IOException | NumberFormatException e) {
            return 100; // USER_HZ on every mainstream Linux build
        }
    }
}
