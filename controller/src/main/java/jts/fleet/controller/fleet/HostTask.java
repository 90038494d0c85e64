package jts.fleet.controller.fleet;

import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * The work done on one host: runs its fixed scripts through {@code transport} and says what came of it.
 * A {@link TransportException} becomes a typed per-host result; any other exception is caught as an
 * internal error of that host only.
 */
@FunctionalInterface
public interface HostTask<T> {
    HostOutcome<T> run(Transport transport, HostSpec host) throws TransportException;
}
