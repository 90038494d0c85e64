package jts.fleet.controller.bench;

import java.util.List;

import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * Where on a host a request benchmarks: the {@code --target} directory, or the mounts of a tier (resolved
 * from the host's gather snapshot by whoever wires {@code --tier}). Each returned path is validated again.
 */
@FunctionalInterface
public interface TargetResolver {
    List<String> targets(HostSpec host, Transport transport, BenchRequest request) throws TransportException;

    /** Only {@code --target}; a {@code --tier} request fails with a message saying tiers are not resolvable here. */
    TargetResolver FIXED = (host, transport, request) -> request.target().map(List::of).orElseThrow(
            () -> new IllegalArgumentException(host.name() + ": --tier " + request.tier().orElse("")
                    + " needs the gather snapshot to find the tier's mounts; use --target DIR"));
}
