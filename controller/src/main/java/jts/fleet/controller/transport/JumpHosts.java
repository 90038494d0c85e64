package jts.fleet.controller.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * The jump host connections of one run, shared by every host behind them: all hosts behind {@code bastion} use
 * one SSH connection to it, each through its own {@code direct-tcpip} channel, so forks through one bastion open
 * one TCP connection, not one per host. For a chain {@code a,b} the connection to {@code b} runs through a channel
 * on the connection to {@code a}, and is shared in turn by every host behind {@code a,b}. Each hop is checked
 * against its host's known_hosts files as itself ({@link SshEndpoints#hops}).
 *
 * <p>OpenSSH's {@code MaxSessions} counts session channels only ("while still permitting forwarding", sshd_config(5)),
 * so one hop connection carries any number of tunnels; a hop that refuses a further channel once it carries some
 * is taken as full, and the next host gets a new connection to it. A hop connection that died (keepalive misses,
 * the hop restarted) is replaced on the next use. A hop that cannot be reached fails every host waiting for it
 * at once with the same error, naming the hop ({@link JumpHostException}), instead of each retrying in turn.
 */
final class JumpHosts implements AutoCloseable {
    /** A host's tunnel is tried on at most this many hop connections (one may die or fill up meanwhile). */
    private static final int TUNNEL_ATTEMPTS = 3;

    private final SshConnector connector;
    private final Map<List<SshEndpoint>, HopLink> links = new ConcurrentHashMap<>();
    private volatile boolean closed;

    JumpHosts(SshConnector connector) {
        this.connector = connector;
    }

    /**
     * A tunnel to {@code address:port} through {@code hops} (in connection order, at least one), for {@code host}.
     *
     * @throws JumpHostException when a hop cannot be reached, refuses us, or cannot reach the next server
     */
    Tunnel tunnel(String host, List<SshEndpoint> hops, String address, int port) throws JumpHostException {
        if (hops.isEmpty()) {
            throw new IllegalArgumentException(host + ": no jump hosts to tunnel through");
        }
        if (closed) {
            throw new IllegalStateException("jump host connections are closed");
        }
        return link(hops).open(host, address, port);
    }

    /** Hop connections open now, over all hops (tests and diagnostics). */
    int openConnections() {
        return links.values().stream().mapToInt(HopLink::open).sum();
    }

    private HopLink link(List<SshEndpoint> chain) {
        return links.computeIfAbsent(List.copyOf(chain), HopLink::new);
    }

    @Override
    public void close() {
        closed = true;
        // Last hops first: each rides on a tunnel of the one before.
        List<HopLink> ordered = new ArrayList<>(links.values());
        ordered.sort(Comparator.comparingInt((HopLink link) -> link.chain.size()).reversed());
        ordered.forEach(HopLink::close);
        links.clear();
    }

    /** One hop connection and how many tunnels it carries. */
    private static final class HopConnection {
        final SshConnection connection;
        final AtomicInteger tunnels = new AtomicInteger();
        volatile boolean full;

        HopConnection(SshConnection connection) {
            this.connection = connection;
        }

        Tunnel open(String address, int port) throws IOException {
            DirectConnection channel = connection.client().newDirectConnection(address, port);
            tunnels.incrementAndGet();
            return new Tunnel(channel, tunnels::decrementAndGet);
        }
    }

    /** The connections to the last hop of one chain. */
    private final class HopLink {
        final List<SshEndpoint> chain;
        final SshEndpoint hop;
        private final List<HopConnection> connections = new ArrayList<>(); // guarded by this
        private final AtomicLong attempts = new AtomicLong();
        private JumpHostException lastFailure; // guarded by this

        HopLink(List<SshEndpoint> chain) {
            this.chain = chain;
            this.hop = chain.get(chain.size() - 1);
        }

        Tunnel open(String host, String address, int port) throws JumpHostException {
            IOException broken = null;
            for (int attempt = 0; attempt < TUNNEL_ATTEMPTS; attempt++) {
                HopConnection connection = connection(host);
                try {
                    return connection.open(address, port);
                } catch (OpenFailException e) {
                    boolean limit = e.getReason() == OpenFailException.Reason.RESOURCE_SHORTAGE
                            || e.getReason() == OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED;
                    if (limit && connection.tunnels.get() > 0) {
                        connection.full = true; // carries what it can: the next host gets another connection
                        continue;
                    }
                    throw new JumpHostException(host, hop.who(), FailureClass.UNREACHABLE, hop.who()
                            + ": cannot open a channel to " + address + ":" + port + ": " + describe(e), e);
                } catch (IOException e) {
                    if (connection.connection.alive()) {
                        throw new JumpHostException(host, hop.who(), FailureClass.UNREACHABLE, hop.who()
                                + ": cannot open a channel to " + address + ":" + port + ": " + e.getMessage(), e);
                    }
                    broken = e; // the hop connection died under us: the next attempt replaces it
                }
            }
            throw new JumpHostException(host, hop.who(), FailureClass.UNREACHABLE, hop.who()
                    + ": connection kept failing while opening a channel to " + address + ":" + port
                    + (broken == null ? "" : ": " + broken.getMessage()), broken);
        }

        /** A live connection with room, else a new one; shares a failure with every host that waited for it. */
        HopConnection connection(String host) throws JumpHostException {
            long arrived = attempts.get();
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("jump host connections are closed");
                }
                connections.removeIf(candidate -> {
                    if (candidate.connection.alive()) {
                        return false;
                    }
                    candidate.connection.close();
                    return true;
                });
                for (HopConnection candidate : connections) {
                    if (!candidate.full) {
                        return candidate;
                    }
                }
                if (lastFailure != null && attempts.get() > arrived) {
                    throw lastFailure.forHost(host); // failed while this host waited: do not try again at once
                }
                try {
                    Optional<Tunnel> via = chain.size() == 1 ? Optional.empty()
                            : Optional.of(link(chain.subList(0, chain.size() - 1)).open(host, hop.address(),
                                    hop.port()));
                    HopConnection connection = new HopConnection(connector.open(hop, via, guard -> { }));
                    connections.add(connection);
                    lastFailure = null;
                    return connection;
                } catch (JumpHostException e) {
                    lastFailure = e;
                    throw e;
                } catch (TransportException e) {
                    lastFailure = new JumpHostException(host, hop.who(), e.failureClass(), e.getMessage(), e);
                    throw lastFailure;
                } finally {
                    attempts.incrementAndGet();
                }
            }
        }

        synchronized int open() {
            return (int) connections.stream().filter(c -> c.connection.alive()).count();
        }

        synchronized void close() {
            connections.forEach(c -> c.connection.close());
            connections.clear();
        }
    }

    private static String describe(OpenFailException e) {
        String reason = switch (e.getReason()) {
            case ADMINISTRATIVELY_PROHIBITED -> "refused by the jump host (AllowTcpForwarding or PermitOpen?)";
            case CONNECT_FAILED -> "the jump host could not connect";
            case RESOURCE_SHORTAGE -> "the jump host is out of resources";
            default -> "refused";
        };
        String detail = e.getMessage();
        return detail == null || detail.isBlank() ? reason : reason + " (" + detail + ")";
    }
}
