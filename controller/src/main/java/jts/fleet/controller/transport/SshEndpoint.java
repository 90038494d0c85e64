package jts.fleet.controller.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jts.fleet.controller.transport.auth.IdentityPlan;
import jts.fleet.inventory.Components;

/**
 * One SSH server to connect to and log in on, a host or a jump host, with everything the connection needs.
 *
 * @param who             how messages name it: {@code db-01}, or {@code jump host bastion (ops@10.0.0.5:22)}
 * @param address         the name or address to connect to (also what known_hosts lines and host certificate
 *                        principals are matched against)
 * @param port            its SSH port
 * @param user            the login user
 * @param identities      the identities to offer
 * @param knownHosts      the known_hosts file read first, where accept-new records keys
 * @param otherKnownHosts further known_hosts files, only read
 * @param acceptNew       record unknown host keys (OpenSSH {@code accept-new})
 * @param connectTimeout  TCP connect, key exchange and authentication must each finish within this
 * @param keepAlive       keepalive@openssh.com interval; {@link SshOptions#KEEPALIVE_MAX_MISSES} misses end it
 */
public record SshEndpoint(String who, String address, int port, String user, IdentityPlan identities,
                          Path knownHosts, List<Path> otherKnownHosts, boolean acceptNew, Duration connectTimeout,
                          Duration keepAlive) {
    public SshEndpoint {
        Components.requireNonNull(SshEndpoint.class, who, address, port, user, identities, knownHosts,
                otherKnownHosts, acceptNew, connectTimeout, keepAlive);
        otherKnownHosts = List.copyOf(otherKnownHosts);
    }

    /** {@code address:port}, for messages. */
    public String where() {
        return address + ":" + port;
    }
}
