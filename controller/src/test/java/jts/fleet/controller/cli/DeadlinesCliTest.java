package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.DrippingBannerServer;

/**
 * Deadlines against a host whose sshd never finishes its banner (a line every 2 s): the connect deadline ends
 * its connect; the run deadline ends the run, with its host reported as {@code timeout}, the results printed
 * and the process gone soon after; a healthy host's result is printed when it is done, not when the run is.
 * Timings are asserted at 10x their expected values; scripts/bench/hostile-hosts.sh measures them.
 */
class DeadlinesCliTest {
    @TempDir
    Path dir;

    private Path inventory(DrippingBannerServer server) throws IOException {
        return Files.writeString(dir.resolve("inventory.yaml"), "defaults: {become: none}\nhosts:\n"
                + server.inventoryEntry(dir, "drip") + "  here: {connection: local}\n");
    }

    @Test
    void theConnectDeadlineEndsAConnectThatNeverGetsABanner() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start()) {
            long started = System.nanoTime();
            CliRun run = CliRun.of("status", "--inventory", inventory(server).toString(),
                    "--connect-timeout", "3s");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(run.err()).as(run.toString()).contains("drip: timeout: drip: connect to 127.0.0.1:")
                    .contains("within 3 s").contains("SSH banner");
            assertThat(run.out()).contains("here").contains("RECAP");
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void theRunDeadlineReportsTimeoutPrintsEverythingAndTheProcessExits() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start();
             CliProcess cli = CliProcess.start(dir, "status", "--inventory", inventory(server).toString(),
                     "--connect-timeout", "10m", "--run-timeout", "15s")) {
            Optional<CliProcess.Line> here = cli.awaitErr(l -> l.contains("here"), Duration.ofSeconds(60));
            Optional<CliProcess.Line> exit = cli.awaitExit(Duration.ofSeconds(90));
            assertThat(exit).as("the process did not exit 90 s after a 15 s run deadline\n" + cli).isPresent();
            assertThat(exit.get().text()).as(cli.toString()).isEqualTo(Integer.toString(ExitCodes.HOST_FAILED));
            assertThat(here).as(cli.toString()).isPresent();
            assertThat(here.get().text()).startsWith("ok");
            // the healthy host is printed when it is done, long before the stuck one gives up: measured between the
            // two lines, so a slow start of the JVM under load (which delays both) does not count
            Optional<CliProcess.Line> stuck = cli.awaitErr(l -> l.contains("drip: timeout:"), Duration.ZERO);
            assertThat(stuck).as(cli.toString()).isPresent();
            assertThat(stuck.get().at().minus(here.get().at())).as("healthy host printed before the deadline\n" + cli)
                    .isGreaterThan(Duration.ofSeconds(5));
            assertThat(cli.out()).as(cli.toString()).contains("drip").contains("run deadline of 15 s passed")
                    .contains("RECAP");
            assertThat(cli.err()).contains("drip: timeout:");
            Duration afterDeadline = exit.get().at().minusSeconds(15);
            System.out.printf("run deadline 15 s: exited %d ms after it%n", afterDeadline.toMillis());
            assertThat(afterDeadline).as(cli.toString()).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void experimentKeepsTheRunDeadlineItIsGiven() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start()) {
            long started = System.nanoTime();
            CliRun run = CliRun.of("experiment", "--inventory", inventory(server).toString(), "-H", "drip",
                    "--set", "scheduler=none,mq-deadline", "--profile", "rand-read-4k-qd1", "--target", "/tmp",
                    "--force", "--reason", "test", "--store", dir.resolve("store").toString(), "--connect-timeout", "10m",
                    "--run-timeout", "3s");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(run.err()).as(run.toString()).contains("drip: timeout:").contains("run deadline of 3 s passed");
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        }
    }
}
