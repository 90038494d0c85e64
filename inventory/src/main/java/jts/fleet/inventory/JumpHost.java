package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One hop of a {@code proxy_jump} chain (OpenSSH {@code ProxyJump user@host:port}), resolved to what the
 * transport needs to reach it: its address, port and login user, and the identity files to offer there.
 * {@code spec} is the hop as written, for messages ("jump host bastion-1 (ops@10.0.0.5:22) refused ...").
 * A hop's host key is checked against the target host's known_hosts, as OpenSSH does.
 *
 * @param spec          the hop as written in the inventory, ssh_config or Ansible args
 * @param address       host name or IP to connect to (after ssh_config {@code HostName} resolution)
 * @param port          SSH port of the hop
 * @param user          login user on the hop
 * @param identityFiles identity files for the hop in the order to try (after agent identities); may be empty
 */
public record JumpHost(String spec, String address, int port, String user, List<Path> identityFiles) {
    public JumpHost {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("jump host " + spec + ": port " + port + " out of range");
        }
        identityFiles = List.copyOf(identityFiles);
    }

    /** {@code user@address:port}, the form OpenSSH prints. */
    public String describe() {
        return user + "@" + address + ":" + port;
    }

    /** The identity file to name in messages, if any. */
    public Optional<Path> firstIdentity() {
        return identityFiles.stream().findFirst();
    }
}
