package jts.fleet.controller.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;

import jts.fleet.controller.transport.auth.KeyRing;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The parts of a cold connection that can run without a server, for the class-data archive's training run
 * ({@link SshPreload#warmUp()}): the archive holds the classes a run loaded, and a class it does not hold is read
 * from the jar and verified at every start. The training machine (a build, a package's postinst) has no SSH server
 * to reach, so this plays the first steps of one on loopback within the process (TCP, identification strings, both
 * key exchange offers and the client's curve25519 key), then runs the crypto of the rest itself: the ed25519
 * signature of a host key and of a login, the AES-GCM packet cipher, and reading an OpenSSH private key file.
 * Connects to nothing outside this process.
 */
final class ConnectionRehearsal {
    private ConnectionRehearsal() {
    }

    static void run() throws IOException, GeneralSecurityException {
        handshake();
        peerKey();
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signature(ed25519);
        cipher();
        keyFile(ed25519);
    }

    /**
     * An sshj client against a {@link RehearsalPeer}, which hangs up after the client's curve25519 key: the client's
     * connect then fails, as expected here.
     */
    private static void handshake() throws IOException {
        try (RehearsalPeer peer = RehearsalPeer.start();
                SSHClient client = new SSHClient(SshjProcess.config())) {
            client.setSocketFactory(new NoDelaySocketFactory());
            client.setConnectTimeout(RehearsalPeer.TIMEOUT_MS);
            client.setTimeout(RehearsalPeer.TIMEOUT_MS);
            client.getTransport().setTimeoutMs(RehearsalPeer.TIMEOUT_MS);
            client.connect(peer.address(), peer.port());
            throw new IOException("the rehearsal peer completed a key exchange it cannot do");
        } catch (net.schmizz.sshj.transport.TransportException expected) {
            // the peer hung up after the client's key exchange init: what the rehearsal wanted
        }
    }

    /** The server's curve25519 key as sshj reads it from the key exchange reply (an X.509 encoding). */
    private static void peerKey() throws GeneralSecurityException {
        KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(x25519.getPublic().getEncoded()));
    }

    /** An ed25519 signature as a login makes it and as a host key's is checked, through sshj's algorithm. */
    private static void signature(KeyPair ed25519) throws GeneralSecurityException {
        byte[] data = "rehearsal".getBytes(StandardCharsets.US_ASCII);
        Signature signer = KeyAlgorithms.EdDSA25519().create().newSignature();
        signer.initSign(ed25519.getPrivate());
        signer.update(data);
        byte[] signed = new Buffer.PlainBuffer().putString(KeyType.ED25519.toString()).putBytes(signer.sign())
                .getCompactData();
        Signature verifier = KeyAlgorithms.EdDSA25519().create().newSignature();
        verifier.initVerify(ed25519.getPublic());
        verifier.update(data);
        if (!verifier.verify(signed)) {
            throw new GeneralSecurityException("the rehearsal's own ed25519 signature did not verify");
        }
    }

    /** A packet sealed and opened with the first cipher we offer (AES-GCM), as sshj does after the key exchange. */
    private static void cipher() throws GeneralSecurityException {
        byte[] key = new byte[32];
        byte[] iv = new byte[12];
        byte[] packet = new byte[4 + 32 + 16]; // length field, padded payload, tag
        packet[3] = 32;
        Cipher seal = GcmCiphers.AES256GCM().create();
        seal.init(Cipher.Mode.Encrypt, key, iv);
        seal.updateAAD(packet, 0, 4);
        seal.update(packet, 4, 32);
        Cipher open = GcmCiphers.AES256GCM().create();
        open.init(Cipher.Mode.Decrypt, key, iv);
        open.updateAAD(packet, 0, 4);
        open.update(packet, 4, 32);
    }

    /**
     * An unencrypted OpenSSH private key file (PROTOCOL.key) holding {@code ed25519}, written to a private temporary
     * directory and read the way an identity file is.
     */
    private static void keyFile(KeyPair ed25519) throws IOException, GeneralSecurityException {
        byte[] publicKey = rawPublicKey(ed25519);
        byte[] seed = ((EdECPrivateKey) ed25519.getPrivate()).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("an ed25519 private key without its bytes"));
        byte[] publicBlob = new Buffer.PlainBuffer().putString("ssh-ed25519").putBytes(publicKey).getCompactData();
        byte[] secret = Arrays.copyOf(seed, 64);
        System.arraycopy(publicKey, 0, secret, 32, 32);
        Buffer.PlainBuffer section = new Buffer.PlainBuffer().putUInt32(0x6a7473).putUInt32(0x6a7473)
                .putString("ssh-ed25519").putBytes(publicKey).putBytes(secret).putString("rehearsal");
        for (int pad = 1; section.available() % 8 != 0; pad++) {
            section.putByte((byte) pad);
        }
        byte[] body = new Buffer.PlainBuffer().putRawBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                .putString("none").putString("none").putString("").putUInt32(1).putBytes(publicBlob)
                .putBytes(section.getCompactData()).getCompactData();
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getMimeEncoder(70, new byte[] {'\n'})
                .encodeToString(body) + "\n-----END OPENSSH PRIVATE KEY-----\n";
        Path dir = Files.createTempDirectory("jts-fleet-rehearsal",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("id_ed25519");
        try {
            Files.writeString(Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), text);
            KeyRing keys = new KeyRing(PassphrasePrompt.NONE, warning -> { },
                    SshjProcess.config().getFileKeyProviderFactories());
            if (keys.inspect(file).problem().isPresent() || keys.keyPair(file).isEmpty()) {
                throw new GeneralSecurityException("the rehearsal's own key file was not read: "
                        + keys.inspect(file).problem().orElse(keys.failure(file)));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The 32 bytes of an ed25519 public key: the end of its X.509 encoding. */
    private static byte[] rawPublicKey(KeyPair ed25519) {
        byte[] encoded = ed25519.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
