package jts.fleet.controller.transport;

import jts.fleet.inventory.HostSpec;

/**
 * Picks the transport a host's {@code connection} asks for. Nothing connects until the first exec. It names no SSH
 * library type, so a run of local hosts, which links it, loads none of them ({@link SshPreload} does, ahead of time).
 */
public final class Transports {
    private Transports() {
    }

    /** A transport sharing {@code run} with the other hosts of the run, connecting with {@code options}. */
    public static Transport open(HostSpec host, SshRun run, SshOptions options) {
        return switch (host.connection()) {
            case SSH -> new SshTransport(host, run, options);
            case LOCAL -> new LocalTransport(host, options.outputLimits());
        };
    }

    /** A transport with a run of its own. */
    public static Transport open(HostSpec host, SshOptions options) {
        return switch (host.connection()) {
            case SSH -> new SshTransport(host, options);
            case LOCAL -> new LocalTransport(host, options.outputLimits());
        };
    }
}
