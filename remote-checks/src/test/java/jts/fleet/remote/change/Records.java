package jts.fleet.remote.change;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Change records and contexts for tests (of this package and of the scripts that record changes). */
public final class Records {
    static final ChangeOperator ALICE = new ChangeOperator("alice", 1000, OptionalLong.of(1000), Optional.of("alice"),
            Optional.empty(), Optional.of("jts"), "sudo");

    private Records() {
    }

    public static ChangeContext context(String runId, String host) {
        return new ChangeContext(runId, "apply", host, ALICE, "ws-3", "0.1.0",
                "jts-fleet apply -H " + host + " --reason CHG-1234", Optional.of("CHG-1234"),
                Optional.of("sha256:0011223344556677"), false, Optional.empty());
    }

    static ChangeRecord intent(String runId, String host, String time) {
        return ChangeRecord.intent(context(runId, host), Instant.parse(time));
    }

    static ChangeRecord outcome(String runId, String host, String time, ChangeRecord.Result result,
                                ChangeItem... items) {
        return ChangeRecord.outcome(context(runId, host), Instant.parse(time), result, Optional.empty(), List.of(items));
    }
}
