package jts.fleet.controller.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import jts.fleet.controller.transport.auth.AuthenticationFailure;
import jts.fleet.controller.transport.auth.Authenticator;
import jts.fleet.controller.transport.hostkeys.KnownHostsCache;
import jts.fleet.controller.transport.hostkeys.KnownHostsVerifier;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;

/**
 * Establishes one authenticated SSH connection: TCP (or a tunnel through a jump host), key exchange with the
 * known_hosts check ({@link KnownHostsVerifier}), then public key authentication ({@link Authenticator}). Every
 * failure becomes a {@link TransportException} whose class says what went wrong (unreachable, host key, auth) and
 * whose message names the server ({@link SshEndpoint#who()}) and what was tried. Knows nothing about commands:
 * running them is {@link SshTransport}'s job.
 *
 * <p>The whole connect (TCP, banner, key exchange, authentication) has the endpoint's connect timeout, kept by a
 * {@link ConnectWatchdog} (sshj's own timeouts are per read, and a server may drip banner lines forever); channel
 * requests have the same timeout. keepalive@openssh.com runs from the start, also on hops.
 */
final class SshConnector {
    private final Authenticator authenticator;
    private final KnownHostsCache knownHosts;
    private final Operator operator;
    private final Clock clock;

    SshConnector(Authenticator authenticator, KnownHostsCache knownHosts, Operator operator, Clock clock) {
        this.authenticator = authenticator;
        this.knownHosts = knownHosts;
        this.operator = operator;
        this.clock = clock;
    }

    /**
     * Connects to {@code endpoint}, directly or through {@code via} (which the connection then owns: it is closed
     * when the connection closes or fails to open), within the endpoint's connect timeout: a
     * {@link ConnectWatchdog} closes the socket (or the tunnel's channel) when it passes, whatever sshj waits for.
     *
     * @param onArm receives the watchdog, so that the caller can end the connect at once ({@code abort})
     */
    SshConnection open(SshEndpoint endpoint, Optional<Tunnel> via, Consumer<ConnectWatchdog.Guard> onArm)
            throws TransportException {
        ConnectWatchdog.Guard guard = ConnectWatchdog.arm(endpoint.connectTimeout());
        SshConnection connection;
        try {
            via.ifPresent(tunnel -> guard.watch(tunnel.channel()));
            onArm.accept(guard);
            connection = connect(endpoint, via, guard);
        } catch (TransportException e) {
            guard.close();
            via.ifPresent(Tunnel::close);
            throw guard.fired() || guard.aborted() ? deadlineFailure(endpoint, guard, e) : e;
        } catch (RuntimeException e) {
            guard.close();
            via.ifPresent(Tunnel::close);
            throw e;
        }
        guard.close();
        if (guard.fired() || guard.aborted()) {
            // the deadline passed just as the connect finished: its socket is closed already
            connection.close();
            throw deadlineFailure(endpoint, guard, null);
        }
        return connection;
    }

    /**
     * The failure to report when the watchdog ended the connect: a TCP connect that did not finish is an
     * unreachable server; one that took the TCP connection (or a jump host's channel) and then did not finish its
     * part (banner, key exchange, authentication) is a timeout.
     */
    private static TransportException deadlineFailure(SshEndpoint endpoint, ConnectWatchdog.Guard guard,
            Exception cause) {
        String who = endpoint.who();
        String where = endpoint.where();
        if (guard.aborted() && !guard.fired()) {
            return new TransportException(FailureClass.UNREACHABLE, who + ": connect to " + where
                    + " abandoned: the transport was closed", cause);
        }
        String limit = describe(guard.deadline());
        if (!guard.tcpConnectedWhenFired()) {
            return new TransportException(FailureClass.UNREACHABLE, who + ": connect to " + where
                    + " timed out after " + limit + " (no TCP connection)", cause);
        }
        return new TransportException(FailureClass.TIMEOUT, who + ": connect to " + where + " did not finish"
                + " within " + limit + " (--connect-timeout): still waiting for the " + guard.stage()
                + "; " + guard.hint(), cause);
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private SshConnection connect(SshEndpoint endpoint, Optional<Tunnel> via, ConnectWatchdog.Guard guard)
            throws TransportException {
        String who = endpoint.who();
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(who, knownHosts.get(endpoint.knownHosts(), endpoint.otherKnownHosts()),
                    endpoint.acceptNew(), clock);
        } catch (IOException e) {
            throw new TransportException(FailureClass.HOST_KEY, who + ": " + e.getMessage(), e);
        }
        SSHClient ssh = newClient(endpoint, guard);
        ssh.addHostKeyVerifier(verifier);
        String where = endpoint.where();
        try {
            guard.stage("SSH banner and key exchange");
            if (via.isPresent()) {
                ssh.connectVia(via.get().channel(), endpoint.address(), endpoint.port());
            } else {
                ssh.connect(endpoint.address(), endpoint.port());
            }
        } catch (UnknownHostException e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.UNREACHABLE, who + ": cannot resolve " + endpoint.address(), e);
        } catch (ConnectException | NoRouteToHostException e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.UNREACHABLE,
                    who + ": cannot connect to " + where + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.UNREACHABLE, who + ": connect to " + where + " timed out after "
                    + endpoint.connectTimeout().toMillis() + " ms", e);
        } catch (net.schmizz.sshj.transport.TransportException e) {
            Quietly.close(ssh);
            if (verifier.refusal().isPresent()) {
                throw new TransportException(FailureClass.HOST_KEY, verifier.refusal().get(), e);
            }
            if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
                throw new TransportException(FailureClass.HOST_KEY,
                        who + ": host key of " + where + " not accepted: " + e.getMessage(), e);
            }
            throw new TransportException(FailureClass.UNREACHABLE,
                    who + ": ssh handshake with " + where + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.UNREACHABLE,
                    who + ": cannot connect to " + where + ": " + e.getMessage(), e);
        }
        verifier.recorded().ifPresent(operator::notice);
        try {
            guard.stage("authentication");
            authenticator.authenticate(ssh, who, endpoint.user(), where, endpoint.identities(), guard);
        } catch (AuthenticationFailure e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.AUTH, e.getMessage(), e);
        } catch (IOException e) {
            Quietly.close(ssh);
            throw new TransportException(FailureClass.UNREACHABLE, who + ": connection to " + where
                    + " lost during authentication as " + endpoint.user() + ": " + e.getMessage(), e);
        }
        return new SshConnection(ssh, via, verifier.recorded());
    }

    private static SSHClient newClient(SshEndpoint endpoint, ConnectWatchdog.Guard guard) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis());
        SSHClient ssh = new SSHClient(SshjProcess.config());
        ssh.setSocketFactory(new NoDelaySocketFactory(guard::watch));
        ssh.setConnectTimeout(timeoutMs);
        ssh.setTimeout(timeoutMs);
        ssh.getTransport().setTimeoutMs(timeoutMs);
        ssh.getConnection().setTimeoutMs(timeoutMs);
        KeepAlive keepAlive = ssh.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval((int) Math.max(1, endpoint.keepAlive().toSeconds()));
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(SshOptions.KEEPALIVE_MAX_MISSES);
        }
        return ssh;
    }
}
