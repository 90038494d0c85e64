package jts.fleet.controller.transport;

import jts.fleet.inventory.HostSpec;

/** Picks the transport a host's {@code connection} asks for. Nothing connects until the first exec. */
public final class Transports {
    private Transports() {
    }

    public static Transport open(HostSpec host, SshOptions options) {
        return switch (host.connection()) {
            case SSH -> new SshTransport(host, options);
            case LOCAL -> new LocalTransport(host);
        };
    }
}
