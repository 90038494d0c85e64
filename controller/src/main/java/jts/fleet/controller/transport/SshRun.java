package jts.fleet.controller.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import jts.fleet.controller.transport.auth.Authenticator;
import jts.fleet.controller.transport.auth.KeyRing;
import jts.fleet.controller.transport.hostkeys.KnownHostsCache;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.UserDirs;

/**
 * What every SSH connection of one run shares (a CLI command, a shell session): the options, the identity files
 * read and decrypted once ({@link KeyRing}: one passphrase prompt per key file, whatever the number of hosts and
 * forks), the known_hosts files parsed once ({@link KnownHostsCache}), the jump host connections ({@link JumpHosts}:
 * one per bastion for all hosts behind it) and the operator notices go to. {@link ConnectionPool} makes one per run and closes it last.
 */
public final class SshRun implements AutoCloseable {
    private final SshOptions options;
    private final Map<String, String> environment;
    private final Path home;
    private final Operator operator;
    /** Made on the first connect: a run of local hosts only never loads sshj and its crypto. */
    private Links links;
    private boolean closed;

    /** The connecting part: the connector with its keys and known_hosts, and the jump host connections. */
    private record Links(SshConnector connector, JumpHosts jumpHosts) {
    }

    /**
     * For this process: its environment ({@code SSH_AUTH_SOCK}) and the home whose {@code .ssh} OpenSSH uses
     * ({@link UserDirs#sshHome()}: default keys and known_hosts, {@code ~/} in {@code identity_agent}).
     */
    public SshRun(SshOptions options, Operator operator) {
        this(options, operator, System.getenv(), UserDirs.current().sshHome());
    }

    SshRun(SshOptions options, Operator operator, Map<String, String> environment, Path home) {
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(operator, "operator");
        this.environment = Map.copyOf(environment);
        this.home = Objects.requireNonNull(home, "home");
        this.operator = operator;
    }

    private synchronized Links links() {
        if (links == null) {
            KeyRing keys = new KeyRing(operator.passphrases(), operator.notices(),
                    SshjProcess.config().getFileKeyProviderFactories());
            SshConnector connector = new SshConnector(new Authenticator(keys), new KnownHostsCache(), operator,
                    options.clock());
            links = new Links(connector, new JumpHosts(connector));
            if (closed) {
                links.jumpHosts().close(); // refuses tunnels, as it did when the run was closed before
            }
        }
        return links;
    }

    public SshOptions options() {
        return options;
    }

    /** Makes the connecting part now, without connecting (the class-data archive's training run). */
    void prepare() {
        links();
    }

    /** Hop connections open now (tests and diagnostics). */
    public synchronized int openJumpConnections() {
        return links == null ? 0 : links.jumpHosts().openConnections();
    }

    /**
     * An authenticated connection to {@code host} with {@code hostOptions} (a command's settings may differ from
     * the run's), through its jump hosts when it has any.
     *
     * @param onArm receives the watchdog of the host's own connect, so that closing the transport can end it
     */
    SshConnection connect(HostSpec host, SshOptions hostOptions, Consumer<ConnectWatchdog.Guard> onArm)
            throws TransportException {
        SshEndpoints endpoints = new SshEndpoints(hostOptions, environment, home);
        SshEndpoint target = endpoints.target(host);
        List<SshEndpoint> hops = endpoints.hops(host);
        Links run = links();
        if (hops.isEmpty()) {
            return run.connector().open(target, Optional.empty(), onArm);
        }
        Tunnel tunnel = run.jumpHosts().tunnel(host.name(), hops, target.address(), target.port());
        return run.connector().open(target, Optional.of(tunnel), onArm);
    }


    @Override
    public void close() {
        Links made;
        synchronized (this) {
            closed = true;
            made = links;
        }
        if (made != null) {
            made.jumpHosts().close();
        }
    }
}
