package jts.fleet.controller.transport;

import jts.fleet.inventory.HostSpec;

/**
 * Makes the transport of one host for a {@link ConnectionPool}: {@link Transports#open(HostSpec, SshRun, SshOptions)}
 * for real hosts (sharing the pool's run), fakes in tests.
 */
@FunctionalInterface
public interface TransportFactory {
    /**
     * @param run     what the pool's hosts share (keys, jump host connections, the operator)
     * @param options the connection settings wanted for this host (a command's may differ from the pool's)
     */
    Transport open(HostSpec host, SshRun run, SshOptions options);
}
