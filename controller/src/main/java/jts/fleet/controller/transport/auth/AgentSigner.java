package jts.fleet.controller.transport.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hierynomus.sshj.userauth.agent.AgentConnection;
import com.hierynomus.sshj.userauth.agent.AgentProxy;

/**
 * sshj's agent client, able to sign for a certificate the agent does not hold: when a {@code CertificateFile} or
 * {@code KEY-cert.pub} certifies a key that is in the agent (but the certificate is not), OpenSSH presents the
 * certificate and has the agent sign with the plain key. The agent protocol itself is sshj's.
 */
final class AgentSigner extends AgentProxy {
    private final Map<ByteBuffer, byte[]> plainKeys = new ConcurrentHashMap<>();

    AgentSigner(AgentConnection connection) throws IOException {
        super(connection);
    }

    /** Sign requests for {@code certificateBlob} go to the agent as requests for {@code keyBlob}. */
    void signCertificateWith(byte[] certificateBlob, byte[] keyBlob) {
        plainKeys.put(ByteBuffer.wrap(certificateBlob.clone()), keyBlob.clone());
    }

    @Override
    public synchronized byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
        return super.sign(plainKeys.getOrDefault(ByteBuffer.wrap(keyBlob), keyBlob), data, flags);
    }
}
