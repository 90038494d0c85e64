package jts.fleet.controller.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import jts.fleet.inventory.HostSpec;

/**
 * One transport per host, created on first use and reused by every later step: a command keeps one pool for
 * its whole run, the shell keeps one across commands. Thread-safe. A host whose settings changed (inventory
 * reloaded in the shell) gets a new transport; the old one is closed. The pool's {@link SshRun} holds what its
 * hosts share (decrypted keys, jump host connections, the operator) and is closed after them.
 */
public final class ConnectionPool implements AutoCloseable {
    private record Entry(HostSpec host, SshOptions options, Transport transport) {
    }

    private final TransportFactory factory;
    private final SshOptions options;
    private final SshRun run;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Nobody to notify or ask for passphrases (tests, embedded use). */
    public ConnectionPool(SshOptions options) {
        this(options, Operator.none(), Transports::open);
    }

    /** Notices (accept-new's recorded keys) and passphrase prompts go to {@code operator}. */
    public ConnectionPool(SshOptions options, Operator operator) {
        this(options, operator, Transports::open);
    }

    /** With another transport factory that needs no shared run (tests use fakes). */
    public ConnectionPool(SshOptions options, BiFunction<HostSpec, SshOptions, Transport> factory) {
        this(options, Operator.none(), (host, run, wanted) -> factory.apply(host, wanted));
    }

    public ConnectionPool(SshOptions options, Operator operator, TransportFactory factory) {
        this.options = Objects.requireNonNull(options, "options");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.run = new SshRun(options, Objects.requireNonNull(operator, "operator"));
    }

    /** The transport for {@code host}; it connects lazily on its first exec. */
    public Transport get(HostSpec host) {
        return get(host, options);
    }

    /**
     * The transport for {@code host} with {@code wanted} connection settings: a connected transport is reused
     * whatever its settings (its connection is made), one that has not connected yet is replaced when its
     * settings differ (in the shell, {@code status --accept-new-host-keys} after a refused key connects anew).
     */
    public Transport get(HostSpec host, SshOptions wanted) {
        if (closed) {
            throw new IllegalStateException("connection pool is closed");
        }
        Transport[] replaced = new Transport[1];
        Entry entry = entries.compute(host.name(), (name, existing) -> {
            if (existing != null && existing.host().equals(host)
                    && (existing.options().equals(wanted) || existing.transport().isConnected())) {
                return existing;
            }
            if (existing != null) {
                replaced[0] = existing.transport();
            }
            return new Entry(host, wanted, factory.open(host, run, wanted));
        });
        if (replaced[0] != null) {
            replaced[0].close();
        }
        return entry.transport();
    }

    public SshOptions options() {
        return options;
    }

    /** What the pool's hosts share (tests and diagnostics read its jump host connections). */
    public SshRun run() {
        return run;
    }

    /** Hosts with a transport in the pool, connected or not. */
    public List<String> hostNames() {
        return new ArrayList<>(entries.keySet());
    }

    /** Closes and forgets one host's transport (e.g. after its key was fixed). */
    public void evict(String hostName) {
        Entry entry = entries.remove(hostName);
        if (entry != null) {
            entry.transport().close();
        }
    }

    /**
     * Closes every transport, all at once on threads of their own, and returns within
     * {@link #CLOSE_WAIT}: a host that is still connecting or whose sshd stopped answering must not keep the
     * command from ending (each transport bounds its own close too).
     */
    @Override
    public void close() {
        closed = true;
        List<Thread> closers = new ArrayList<>();
        for (String name : List.copyOf(entries.keySet())) {
            Entry entry = entries.remove(name);
            if (entry != null) {
                closers.add(Quietly.inBackground("close-" + name, entry.transport()::close));
            }
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        boolean interrupted = false;
        for (Thread closer : closers) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                closer.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        run.close();
    }

    /** The most {@link #close()} waits for the transports it closes. */
    public static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(3);
}
