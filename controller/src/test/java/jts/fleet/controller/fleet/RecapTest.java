package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.transport.FailureClass;

class RecapTest {

    @Test
    void stepsAddUpPerHostInFirstSeenOrder() {
        Recap recap = Recap.of(List.of(
                new HostResult.Ok<>("db-02", "x", true),
                new HostResult.Ok<>("db-01", "x", false),
                new HostResult.Unreachable<>("db-03", "down")));
        recap = recap.plus(List.of(
                new HostResult.Ok<>("db-01", "x", true),
                new HostResult.Skipped<>("db-02", "nothing to do"),
                new HostResult.Failed<>("db-04", FailureClass.SUDO, "password")));
        assertThat(recap.hosts()).containsExactly(
                new Recap.HostTally("db-02", 1, 1, 0, 0, 1),
                new Recap.HostTally("db-01", 2, 1, 0, 0, 0),
                new Recap.HostTally("db-03", 0, 0, 0, 1, 0),
                new Recap.HostTally("db-04", 0, 0, 1, 0, 0));
        assertThat(recap.totals()).isEqualTo(new Recap.HostTally("total", 3, 2, 1, 1, 1));
        assertThat(recap.lines()).containsExactly(
                "db-02  ok=1  changed=1  unreachable=0  failed=0  skipped=1",
                "db-01  ok=2  changed=1  unreachable=0  failed=0  skipped=0",
                "db-03  ok=0  changed=0  unreachable=1  failed=0  skipped=0",
                "db-04  ok=0  changed=0  unreachable=0  failed=1  skipped=0");
    }

    @Test
    void hostNamesArePaddedToOneColumn() {
        Recap recap = Recap.of(List.of(new HostResult.Ok<>("db-1", "x", false),
                new HostResult.Failed<>("storage-west-12", FailureClass.COMMAND, "exit 2")));
        assertThat(recap.lines()).containsExactly(
                "db-1             ok=1  changed=0  unreachable=0  failed=0  skipped=0",
                "storage-west-12  ok=0  changed=0  unreachable=0  failed=1  skipped=0");
    }

    @Test
    void exitCodeFailedWinsOverUnreachableWhichWinsOverOk() {
        HostResult<String> ok = new HostResult.Ok<>("a", "x", false);
        HostResult<String> skipped = new HostResult.Skipped<>("b", "n/a");
        HostResult<String> down = new HostResult.Unreachable<>("c", "down");
        HostResult<String> failed = new HostResult.Failed<>("d", FailureClass.COMMAND, "exit 2");
        assertThat(Recap.of(List.of(ok, skipped)).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Recap.of(List.of(ok, down)).exitCode()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
        assertThat(Recap.of(List.of(ok, down, failed)).exitCode()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(Recap.empty().exitCode()).isEqualTo(ExitCodes.OK);
    }
}
