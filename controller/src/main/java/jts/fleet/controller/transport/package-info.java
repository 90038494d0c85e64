/**
 * How commands reach hosts: {@link jts.fleet.controller.transport.Transport} and its SSH (sshj) and local
 * implementations, the per-run {@link jts.fleet.controller.transport.ConnectionPool}. Establishing an SSH
 * connection (TCP or a tunnel through jump hosts, host key check, authentication) is
 * {@link jts.fleet.controller.transport.SshConnector}'s job, shared state of a run (decrypted keys, bastion
 * connections, the operator) {@link jts.fleet.controller.transport.SshRun}'s; running commands on a connection is
 * {@link jts.fleet.controller.transport.SshTransport}'s, in four parts: {@code HostConnection} (the live connection,
 * replaced when dead), {@code ChannelGate} (channels below MaxSessions, opens retried), {@code ChannelExec} (one
 * command on its channel) and {@code ResidentSlot} (the resident reader). How a command line looks and what its exit
 * status means is {@link jts.fleet.controller.transport.RemoteCommand}'s, for both transports. Never parses what
 * the host prints: that is remote-checks' business.
 */
package jts.fleet.controller.transport;
