package jts.fleet.controller.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that accepts connections and sends {@code "x\r\n"} every {@code interval}, forever:
 * legal text before an SSH banner (RFC 4253 4.2 lets a server send any lines before {@code SSH-2.0-}), which
 * keeps every socket read of a client inside any read timeout while the connect never finishes. It stands for an
 * overloaded or hostile host; a client's connect deadline must end the connect, not its read timeouts.
 */
public final class DrippingBannerServer implements AutoCloseable {
    private final ServerSocket server;
    private final Duration interval;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private DrippingBannerServer(ServerSocket server, Duration interval) {
        this.server = server;
        this.interval = interval;
        this.acceptor = new Thread(this::accept, "dripping-banner-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Listens on an ephemeral port of 127.0.0.1, one line every {@code interval}. */
    public static DrippingBannerServer start(Duration interval) throws IOException {
        DrippingBannerServer s = new DrippingBannerServer(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()),
                interval);
        s.acceptor.start();
        return s;
    }

    /** Listens with the pace: one {@code x\r\n} every 2 s. */
    public static DrippingBannerServer start() throws IOException {
        return start(Duration.ofSeconds(2));
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * An ssh host {@code name} on this server, with an identity file and an empty known_hosts in {@code dir}
     * (neither is ever read: the connect never gets past the banner).
     */
    public jts.fleet.inventory.HostSpec host(java.nio.file.Path dir, String name) throws IOException {
        return new jts.fleet.inventory.HostSpec(name, jts.fleet.inventory.HostSpec.Connection.SSH, "127.0.0.1", port(),
                "jts", java.util.Optional.of(identity(dir)), java.util.Optional.of(knownHosts(dir)),
                jts.fleet.inventory.HostSpec.Become.NONE, java.util.List.of(), java.util.Optional.empty(),
                SshdFixture.emptyPolicy());
    }

    /** The same host as one line under {@code hosts:} of an inventory file. */
    public String inventoryEntry(java.nio.file.Path dir, String name) throws IOException {
        return "  " + name + ": {address: 127.0.0.1, port: " + port() + ", identity_file: \"" + identity(dir)
                + "\", known_hosts: \"" + knownHosts(dir) + "\"}\n";
    }

    private static java.nio.file.Path identity(java.nio.file.Path dir) throws IOException {
        return java.nio.file.Files.writeString(dir.resolve("drip_id_ed25519"), "never read\n");
    }

    private static java.nio.file.Path knownHosts(java.nio.file.Path dir) throws IOException {
        return java.nio.file.Files.writeString(dir.resolve("drip_known_hosts"), "");
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections a client has not closed yet (the server sees the close at its next write). */
    public int open() {
        return (int) clients.stream().filter(c -> !c.isClosed()).count();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                clients.add(client);
                Thread drip = new Thread(() -> drip(client), "dripping-banner-client");
                drip.setDaemon(true);
                drip.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void drip(Socket client) {
        try (client; OutputStream out = client.getOutputStream()) {
            while (!closed) {
                out.write("x\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or we are closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
