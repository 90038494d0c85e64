package jts.fleet.controller.transport;

import java.util.concurrent.atomic.AtomicBoolean;

import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * A {@code direct-tcpip} channel on a jump host's connection, carrying one SSH connection to the next server.
 * Closing it closes the channel and gives its place on the hop connection back.
 */
final class Tunnel implements AutoCloseable {
    private final DirectConnection channel;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    Tunnel(DirectConnection channel, Runnable release) {
        this.channel = channel;
        this.release = release;
    }

    DirectConnection channel() {
        return channel;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (Exception e) {
            // the hop connection may be gone already: nothing left to close
        } finally {
            release.run();
        }
    }
}
