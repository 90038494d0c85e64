package jts.fleet.controller.transport.keys;

import java.util.Base64;
import java.util.Optional;

import net.schmizz.sshj.common.Buffer;

/**
 * The unencrypted head of an {@code openssh-key-v1} private key file (the format {@code ssh-keygen} writes since
 * OpenSSH 7.8): the cipher protecting the private part and the public key, which is stored in clear. OpenSSH
 * offers such a key to a server, and matches it with agent keys, without asking for its passphrase; so do we.
 *
 * @param cipher    {@code none} for an unprotected key, else the cipher of the private part (e.g. {@code aes256-ctr})
 * @param publicKey the key's public half
 */
public record OpenSshPrivateKeyHeader(String cipher, PublicKeyText publicKey) {
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public boolean encrypted() {
        return !"none".equals(cipher);
    }

    /** The header of {@code fileText}, or empty when it is not an openssh-key-v1 file (PEM, PKCS#8, PuTTY). */
    public static Optional<OpenSshPrivateKeyHeader> read(String fileText) {
        int begin = fileText.indexOf(BEGIN);
        int end = fileText.indexOf(END);
        if (begin < 0 || end < begin) {
            return Optional.empty();
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(fileText.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (data.length < MAGIC.length || !java.util.Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        try {
            Buffer.PlainBuffer buffer = new Buffer.PlainBuffer(java.util.Arrays.copyOfRange(data, MAGIC.length,
                    data.length));
            String cipher = buffer.readString();
            buffer.readString(); // kdf name
            buffer.readBytes(); // kdf options
            if (buffer.readUInt32() != 1) {
                return Optional.empty(); // OpenSSH writes exactly one key per file
            }
            byte[] blob = buffer.readBytes();
            String type = new Buffer.PlainBuffer(blob).readString();
            return PublicKeyText.decode(type, Base64.getEncoder().encodeToString(blob), "")
                    .map(key -> new OpenSshPrivateKeyHeader(cipher, key));
        } catch (Buffer.BufferException e) {
            return Optional.empty();
        }
    }
}
