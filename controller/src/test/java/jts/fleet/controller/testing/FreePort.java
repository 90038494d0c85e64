package jts.fleet.controller.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, found by letting the kernel pick one and releasing it. Another process may
 * take the port before we bind it again; {@link SshdFixture} retries with new ports when sshd cannot bind.
 */
public final class FreePort {
    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** {@code count} distinct free ports. */
    public static Set<Integer> find(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(find());
        }
        return ports;
    }

    /** A port nothing listens on right now, for "connection refused" tests. */
    public static int unused() {
        return find();
    }
}
