package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The watchdog's clock as authentication uses it: paused while the operator is asked, and closing what else the
 * connect waits on (the agent connection). Timings are loose (10x and more).
 */
class ConnectWatchdogTest {
    /** A resource that counts down when closed. */
    private static final class Watched implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }

        boolean closedWithin(Duration wait) throws InterruptedException {
            return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void theDeadlineClosesTheSocketAndWhatElseWasHandedToIt() throws Exception {
        Watched socket = new Watched();
        Watched agent = new Watched();
        try (ConnectWatchdog.Guard guard = ConnectWatchdog.arm(Duration.ofMillis(100))) {
            guard.watch(socket);
            guard.closeAtDeadline(agent);
            assertThat(socket.closedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(agent.closedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(guard.fired()).isTrue();
            Watched late = new Watched();
            guard.closeAtDeadline(late);
            assertThat(late.closed.getCount()).as("handed over after the deadline: closed at once").isZero();
        }
    }

    @Test
    void aPausedClockDoesNotRunAndResumesWithWhatWasLeft() throws Exception {
        Watched agent = new Watched();
        // 1 s: long enough that pause() comes first even on a loaded machine
        try (ConnectWatchdog.Guard guard = ConnectWatchdog.arm(Duration.ofSeconds(1))) {
            guard.closeAtDeadline(agent);
            guard.pause();
            guard.pause(); // another prompt on the same connect: nested
            assertThat(agent.closedWithin(Duration.ofSeconds(2))).as("closed while paused").isFalse();
            guard.resume();
            assertThat(agent.closedWithin(Duration.ofSeconds(2))).as("closed while still paused once").isFalse();
            assertThat(guard.fired()).isFalse();
            guard.resume();
            assertThat(agent.closedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(guard.fired()).isTrue();
        }
    }

    @Test
    void aConnectThatEndsWhilePausedIsNotTheDeadlines() throws Exception {
        Watched socket = new Watched();
        ConnectWatchdog.Guard guard = ConnectWatchdog.arm(Duration.ofSeconds(1));
        guard.watch(socket);
        guard.pause();
        Thread.sleep(1500);
        guard.close();
        assertThat(guard.fired()).isFalse();
        assertThat(socket.closedWithin(Duration.ofMillis(500))).isFalse();
    }

    @Test
    void nothingIsClosedOnceTheConnectIsDone() throws Exception {
        Watched socket = new Watched();
        Watched agent = new Watched();
        ConnectWatchdog.Guard guard = ConnectWatchdog.arm(Duration.ofMillis(200));
        guard.watch(socket);
        guard.closeAtDeadline(agent);
        guard.close();
        assertThat(socket.closedWithin(Duration.ofSeconds(2))).isFalse();
        assertThat(agent.closed.getCount()).isOne();
        assertThat(guard.fired()).isFalse();
    }

    /** What the message names is what was waited for when the deadline passed, not what the failing connect did next. */
    @Test
    void theStageIsTheOneTheDeadlineFoundEvenIfTheConnectMovesOn() throws Exception {
        Watched agent = new Watched();
        try (ConnectWatchdog.Guard guard = ConnectWatchdog.arm(Duration.ofMillis(100))) {
            guard.waitingFor("answer of ssh-agent /tmp/a.sock (SSH_AUTH_SOCK)", "agent hint");
            guard.closeAtDeadline(agent);
            assertThat(agent.closedWithin(Duration.ofSeconds(10))).isTrue();
            guard.waitingFor("authentication with /home/ops/.ssh/id_ed25519", "server hint");
            assertThat(guard.stage()).isEqualTo("answer of ssh-agent /tmp/a.sock (SSH_AUTH_SOCK)");
            assertThat(guard.hint()).isEqualTo("agent hint");
        }
    }
}
