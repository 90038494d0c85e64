package jts.fleet.controller.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test keys and certificates made by the real {@code ssh-keygen}, as an operator or a CA would make them. */
public final class SshKeygen {
    private SshKeygen() {
    }

    /**
     * {@code ssh-keygen -t type -N passphrase}: a new key pair in the openssh-key-v1 format (encrypted when the
     * passphrase is not empty); returns the private key path ({@code .pub} beside it, mode 0600 like ssh-keygen
     * leaves it).
     */
    public static Path generate(Path privateKey, String type, String passphrase)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C",
                "jts-fleet-it", "-f", privateKey.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        Command.run(command);
        return privateKey;
    }

    /**
     * {@code ssh-keygen -s caKey -I identity [-h] -n principals [-V validity] publicKey}: signs {@code publicKey}
     * (a {@code .pub} file) and returns the certificate, {@code KEY-cert.pub} beside it.
     *
     * @param host       a host certificate ({@code -h}); else a user certificate
     * @param principals host names or user names; empty for none (valid for any, as OpenSSH reads it)
     * @param validity   {@code -V} interval such as {@code -1d:+1d} or {@code 20200101:20200102} (dates in UTC);
     *                   empty for forever
     */
    public static Path certify(Path caKey, Path publicKey, String identity, boolean host, List<String> principals,
            Optional<String> validity) throws IOException, InterruptedException {
        // ssh-keygen reads -V dates in its local time zone: UTC, so a fixed date is the same instant on every machine
        List<String> command = new ArrayList<>(List.of("env", "TZ=UTC", "ssh-keygen", "-q", "-s", caKey.toString(),
                "-I", identity));
        if (host) {
            command.add("-h");
        }
        if (!principals.isEmpty()) {
            command.addAll(List.of("-n", String.join(",", principals)));
        }
        validity.ifPresent(v -> command.addAll(List.of("-V", v)));
        command.add(publicKey.toString());
        Command.run(command);
        String name = publicKey.getFileName().toString();
        return publicKey.resolveSibling(name.substring(0, name.length() - ".pub".length()) + "-cert.pub");
    }
}
