package jts.fleet.controller.gather;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.GatherException;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.model.TierAssigner;

/**
 * Reads a host's whole storage picture in exactly one exec of the fixed gather script, then parses and
 * classifies it on the controller. Every command that needs the model goes through here.
 */
public final class HostGather {
    private HostGather() {
    }

    /** The gather output, framed (what {@code snapshot} saves and the parser reads). */
    public static String framed(Transport transport, HostSpec host, Duration timeout) throws TransportException {
        Optional<String> sysroot = Sysroots.of(host);
        List<String> args = sysroot.isPresent() ? List.of(sysroot.get()) : List.of();
        // Reading sysfs and /proc needs no privilege; udev data under /run/udev is world-readable too.
        ExecResult result = HostScriptRunner.run(transport, host, "gather script", GatherScript.text(), args,
                new byte[0], timeout, false);
        try {
            return GatherParser.framed(host.name(), result.stdoutText());
        } catch (GatherException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }

    public static HostSnapshot snapshot(Transport transport, HostSpec host, Duration timeout)
            throws TransportException {
        String output = framed(transport, host, timeout);
        try {
            return GatherParser.parse(host.name(), output);
        } catch (GatherException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }

    /** Snapshot with the host's effective policy applied. */
    public static StorageModel model(Transport transport, HostSpec host, Duration timeout)
            throws TransportException {
        return TierAssigner.assign(snapshot(transport, host, timeout), host.policy());
    }
}
