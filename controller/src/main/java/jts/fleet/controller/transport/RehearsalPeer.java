package jts.fleet.controller.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;

/**
 * The first steps of an SSH server on a loopback port of this process, for the class-data archive's training run:
 * to every connection it sends an identification string and a key exchange offer (the algorithms a connection here
 * negotiates), reads the client's identification, offer and curve25519 key, and hangs up. A client's connect to it
 * fails there, after the TCP connect, the identification strings, the negotiation and the client's key exchange
 * init have run as against a real server. Nothing else can reach it: it listens on the loopback address only.
 */
public final class RehearsalPeer implements AutoCloseable {
    /** Every wait of the peer and of a rehearsing client; on loopback each takes milliseconds. */
    static final int TIMEOUT_MS = 5_000;

    private final ServerSocket server;

    private RehearsalPeer(ServerSocket server) {
        this.server = server;
    }

    /** Listens on a free loopback port and serves connections on a daemon thread until closed. */
    public static RehearsalPeer start() throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        RehearsalPeer peer = new RehearsalPeer(server);
        Quietly.inBackground("jts-rehearsal-peer", peer::serve);
        return peer;
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write("SSH-2.0-jts-fleet-rehearsal\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(packet(serverKexInit()));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                skipLine(in); // the client's identification
                skipPacket(in); // its KEXINIT
                skipPacket(in); // its KEXDH_INIT (its curve25519 public key)
            } catch (IOException e) {
                // this client's connect fails either way (a reset or broken pipe included); serve the next,
                // unless the peer was closed
            }
        }
    }

    /** A server's SSH_MSG_KEXINIT offering one algorithm of each kind, the ones a connection here negotiates. */
    private static byte[] serverKexInit() {
        Buffer.PlainBuffer kexInit = new Buffer.PlainBuffer();
        kexInit.putByte(Message.KEXINIT.toByte());
        kexInit.putRawBytes(new byte[16]); // cookie
        for (String names : List.of(ModernAlgorithms.KEY_EXCHANGE.get(0), "ssh-ed25519",
                ModernAlgorithms.CIPHERS.get(0), ModernAlgorithms.CIPHERS.get(0), ModernAlgorithms.MACS.get(0),
                ModernAlgorithms.MACS.get(0), "none", "none", "", "")) {
            kexInit.putString(names);
        }
        kexInit.putBoolean(false); // no guessed packet follows
        kexInit.putUInt32(0);
        return kexInit.getCompactData();
    }

    /** {@code payload} as an unencrypted binary packet (RFC 4253 6): length, padding length, payload, padding. */
    private static byte[] packet(byte[] payload) {
        int padding = 8 - (5 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        Buffer.PlainBuffer packet = new Buffer.PlainBuffer();
        packet.putUInt32(1 + payload.length + padding);
        packet.putByte((byte) padding);
        packet.putRawBytes(payload);
        packet.putRawBytes(new byte[padding]);
        return packet.getCompactData();
    }

    private static void skipLine(InputStream in) throws IOException {
        for (int read = in.read(); read != '\n'; read = in.read()) {
            if (read < 0) {
                throw new IOException("the client hung up");
            }
        }
    }

    private static void skipPacket(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 35_000) {
            throw new IOException("not an SSH packet: length " + length);
        }
        in.readFully(new byte[length]);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
