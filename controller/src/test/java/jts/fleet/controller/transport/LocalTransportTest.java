package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.testing.Environment;

/** LocalTransport runs real processes: sh, timeout, pgrep (coreutils/procps, present on every target). */
class LocalTransportTest {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private final LocalTransport local = new LocalTransport("local", true);

    @Test
    void returnsStdoutStderrExitCodeAndArgs() throws Exception {
        ExecResult result = local.exec("printf '%s|' \"$0\" \"$@\"; echo err >&2; exit 4",
                List.of("a b", "it's", "$(id)"), new byte[0], COMMAND, false);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdoutText()).isEqualTo("jts-fleet|a b|it's|$(id)|");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(local.lastLatency()).isEqualTo(result.elapsed());
    }

    @Test
    void passesStdin() throws Exception {
        byte[] input = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
        assertThat(local.exec("cat", List.of(), input, COMMAND, false).stdout()).isEqualTo(input);
    }

    @Test
    void largeStderrDoesNotDeadlock() throws Exception {
        ExecResult result = local.exec("head -c 3145728 /dev/zero >&2; echo done", List.of(), new byte[0], COMMAND,
                false);
        assertThat(result.stderr()).hasSize(3 * 1024 * 1024);
        assertThat(result.stdoutText()).isEqualTo("done\n");
    }

    @Test
    void outputPastTheCapStopsTheCommandAndFailsWithOutputLimit() throws Exception {
        Environment.requireTool("pgrep");
        String marker = "jts-flood-" + UUID.randomUUID();
        LocalTransport capped = new LocalTransport("flood", true, new OutputLimits(64 * 1024, 128 * 1024));
        for (String stream : List.of("stdout", "stderr")) {
            String redirect = stream.equals("stderr") ? " >&2" : "";
            long started = System.nanoTime();
            TransportException flooded = catchThrowableOfType(TransportException.class,
                    () -> capped.exec("exec yes \"$1\"" + redirect, List.of(marker), new byte[0], COMMAND, false));
            assertThat(flooded).as(stream + ": no failure").isNotNull();
            assertThat(flooded.failureClass()).isEqualTo(FailureClass.OUTPUT_LIMIT);
            assertThat(flooded.getMessage()).isEqualTo("flood: the command printed more than 64 KiB on " + stream
                    + " and was stopped on the host (a runaway login shell or command? --max-output raises the cap)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(new ProcessBuilder("pgrep", "-f", marker).start().waitFor())
                    .as("yes %s is still running", marker).isNotZero();
        }
        // a caller's own cap (benchmark documents) goes past the read cap
        ExecResult document = capped.exec("head -c 100000 /dev/zero", List.of(), new byte[0], COMMAND, false,
                128 * 1024);
        assertThat(document.stdout()).hasSize(100_000);
    }

    @Test
    void aStreamIsReadAsItComesAndOneThatFloodsStderrIsStopped() throws Exception {
        Environment.requireTool("pgrep");
        try (StreamingCommand talking = local.stream("echo \"$1\"; sleep 300", List.of("first"), COMMAND)) {
            // the line arrives while the command still runs
            byte[] line = talking.stdout().readNBytes(6);
            assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("first\n");
        }
        String marker = "jts-stream-flood-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (StreamingCommand flooding = local.stream("exec yes \"$1\" >&2", List.of(marker), COMMAND)) {
            assertThat(flooding.stdout().readAllBytes()).as("stdout ends when it is stopped").isEmpty();
            assertThat(flooding.stderr()).hasSizeLessThanOrEqualTo((int) StreamingCommand.MAX_STDERR_BYTES);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(new ProcessBuilder("pgrep", "-f", marker).start().waitFor())
                .as("yes %s is still running", marker).isNotZero();
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        Environment.requireTool("pgrep");
        String marker = "jts-local-" + UUID.randomUUID();
        long started = System.nanoTime();
        TransportException timedOut = catchThrowableOfType(TransportException.class,
                () -> local.exec("sh -c 'sleep 300; :' \"$1\" & sleep 300", List.of(marker), new byte[0],
                        Duration.ofSeconds(1), false));
        assertThat(timedOut.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(timedOut.getMessage()).startsWith("local: command timed out after 1 s");
        // 10x the 1 s deadline: a bound, not a speed goal
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            Thread.sleep(100);
            status = new ProcessBuilder("pgrep", "-f", marker).start().waitFor();
        } while (status == 0 && System.nanoTime() < deadline);
        assertThat(status).as("processes with %s left behind", marker).isEqualTo(1);
    }

    @Test
    void sudoIsAddedOnlyWhenNotRoot() throws Exception {
        // As root no sudo is involved: the command sees our own uid.
        String uid = local.exec("id -u", List.of(), new byte[0], COMMAND, true).stdoutText().strip();
        String expected = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        assertThat(uid).isEqualTo(expected);
    }
}
