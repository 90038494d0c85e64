package jts.fleet.controller.change;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.controller.tuning.TuningPaths;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.HostChangeLog;

/**
 * Reads one host's own change records ({@code history --from-hosts}): {@code change-read.sh} prints the host's
 * change files (world-readable, so no sudo), {@link HostChangeLog#parseRead} reads them. Lines older than
 * {@code since} are left out on the host already.
 */
public final class HostChangeReader {
    private final Duration timeout;

    public HostChangeReader(Duration timeout) {
        this.timeout = timeout;
    }

    public HostOutcome<ChangeLogText.Parsed> read(Transport transport, HostSpec host, Optional<Instant> since)
            throws TransportException {
        String stateDir = TuningPaths.forHost(host).stateDir();
        String after = since.map(s -> s.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
        ExecResult result = HostScriptRunner.exec(transport, host, HostChangeLog.readScript(), List.of(stateDir, after),
                new byte[0], timeout, false);
        if (!result.ok()) {
            return HostOutcome.failed(host.name() + ": change-read exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        try {
            return HostOutcome.ok(HostChangeLog.parseRead(host.name(), result.stdoutText()));
        } catch (IllegalArgumentException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }
}
