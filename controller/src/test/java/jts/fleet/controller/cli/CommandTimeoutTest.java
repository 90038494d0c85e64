package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.monitor.MonitorEngine;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.tuning.TuningEngine;
import jts.fleet.inventory.HostSpec;

/**
 * {@code --timeout} reaches every engine (it was a fixed 60 s in plan/apply/verify/rollback and 1 min in
 * monitor): a host whose sysfs never answers (a FIFO where an attribute should be, so the gather's grep waits
 * forever) fails with the deadline given on the command line, not a built-in one.
 */
class CommandTimeoutTest {
    @TempDir
    Path dir;

    private Path stuckHostInventory() throws IOException, InterruptedException {
        Path root = dir.resolve("stuck");
        Files.createDirectories(root.resolve("sys/block/nvme0n1/queue"));
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), "stuck\n");
        Files.writeString(root.resolve("sys/block/nvme0n1/queue/scheduler"), "[none] mq-deadline\n");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("sys/block/nvme0n1/queue/read_ahead_kb").toString())
                .inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, "hosts:\n  stuck: {connection: local, sysroot: \"" + root + "\"}\n");
        return inventory;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "plan", "apply", "verify"})
    void aCommandStopsAtTheTimeoutGivenOnTheCommandLine(String command) throws Exception {
        Path inventory = stuckHostInventory();
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--inventory", inventory.toString(), "--timeout", "2s"));
        if (command.equals("apply")) {
            args.addAll(List.of("--force", "--reason", "test")); // the embedded policy's trading-hours change freeze is not what is tested here
        }
        long started = System.nanoTime();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(run.err()).as(run.toString()).contains("stuck").contains("timeout").contains("after 2 s");
        assertThat(took).as("%s with --timeout 2s", command).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void rollbackAndMonitorStepsTakeTheSettingsDeadline() throws Exception {
        RunSettings settings = RunSettings.defaults(Clock.systemUTC()).withCommandTimeout(Duration.ofSeconds(7));
        HostSpec host = new HostSpec("h", HostSpec.Connection.LOCAL, "localhost", 22, "root", java.util.Optional.empty(),
                java.util.Optional.empty(), HostSpec.Become.NONE, List.of(), java.util.Optional.empty(),
                jts.fleet.controller.testing.SshdFixture.emptyPolicy());
        FakeTransport tuning = FakeTransport.answering("h", "result\tnothing\n");
        TuningEngine.standard(settings).rollback(tuning, host, false);
        FakeTransport monitor = FakeTransport.answering("h", "@@jts-metrics exit 0\n");
        try {
            MonitorEngine.of(settings).runOnce(monitor, host);
        } catch (jts.fleet.controller.transport.TransportException e) {
            // only the deadline it was given matters here
        }
        List<Duration> timeouts = new java.util.ArrayList<>(tuning.timeouts());
        timeouts.addAll(monitor.timeouts());
        assertThat(timeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(Duration.ofSeconds(7)));
    }
}
