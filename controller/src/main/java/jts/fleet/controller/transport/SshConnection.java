package jts.fleet.controller.transport;

import java.util.Optional;

import net.schmizz.sshj.SSHClient;

/**
 * An authenticated SSH connection and, for a host behind jump hosts, the tunnel it runs through. Closing it
 * closes both, the connection first.
 *
 * @param client   the authenticated client
 * @param tunnel   the channel on the last hop that carries it, empty for a direct connection
 * @param recorded what accept-new recorded while connecting (OpenSSH's "Permanently added"), if anything
 */
record SshConnection(SSHClient client, Optional<Tunnel> tunnel, Optional<String> recorded) implements AutoCloseable {

    /** True while the connection can take new channels. */
    boolean alive() {
        return client.isConnected() && client.isAuthenticated();
    }

    /**
     * Closes what carries the connection at once, whatever sshj is waiting for: the socket, or the tunnel's channel
     * (for a close that did not finish in time).
     */
    void cut() {
        try {
            if (client.getSocket() != null) {
                client.getSocket().close();
            }
        } catch (java.io.IOException e) {
            // closing is all we wanted
        }
        tunnel.ifPresent(Tunnel::close);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // best effort: the peer may be gone already
        } finally {
            tunnel.ifPresent(Tunnel::close);
        }
    }
}
