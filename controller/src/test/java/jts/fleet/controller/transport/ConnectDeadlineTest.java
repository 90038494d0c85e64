package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.testing.DrippingBannerServer;
import jts.fleet.inventory.HostSpec;

/**
 * The connect deadline covers TCP, the banner, key exchange and authentication. A server that sends a line
 * every 2 s before its banner (legal, RFC 4253 4.2) kept every sshj read inside its timeout, so a connect with
 * {@code --connect-timeout 3s} hung forever and {@code close()} waited behind it. Timings are asserted loosely
 * (10x); scripts/bench/hostile-hosts.sh measures them.
 */
class ConnectDeadlineTest {
    @TempDir
    Path dir;

    private HostSpec host(DrippingBannerServer server) throws IOException {
        return server.host(dir, "drip");
    }

    @Test
    void aBannerThatNeverEndsIsATimeoutAtTheConnectDeadline() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start();
             SshTransport transport = new SshTransport(host(server),
                     SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3)))) {
            long started = System.nanoTime();
            TransportException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    transport.exec("true", List.of(), new byte[0], Duration.ofSeconds(60), false);
                    throw new AssertionError("connected to a server that never sent a banner");
                } catch (TransportException failure) {
                    return failure;
                }
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(e.failureClass()).as(e.getMessage()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(e.getMessage()).contains("drip: connect to 127.0.0.1:" + server.port())
                    .contains("within 3 s").contains("SSH banner and key exchange");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2900)).isLessThan(Duration.ofSeconds(30));
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void closeEndsAConnectInProgressAtOnce() throws Exception {
        try (DrippingBannerServer server = DrippingBannerServer.start()) {
            SshTransport transport = new SshTransport(host(server),
                    SshOptions.defaults().withConnectTimeout(Duration.ofMinutes(10)));
            CompletableFuture<Throwable> exec = CompletableFuture.supplyAsync(() -> {
                try {
                    transport.exec("true", List.of(), new byte[0], Duration.ofSeconds(60), false);
                    return null;
                } catch (TransportException | RuntimeException e) {
                    return e;
                }
            });
            while (server.accepted() == 0) {
                Thread.sleep(20);
            }
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(60), transport::close);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close() waited behind the connect")
                    .isLessThan(Duration.ofSeconds(30));
            Throwable failure = exec.get(30, TimeUnit.SECONDS);
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("drip").containsAnyOf("closed", "abandoned");
        }
    }
}
