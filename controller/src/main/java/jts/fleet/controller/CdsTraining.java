package jts.fleet.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import jts.fleet.controller.transport.RehearsalPeer;

/**
 * The training run of the start-up archives ({@code packaging/train-archives.sh}, run by {@code make build} and
 * the .deb's postinst): runs the one-shot commands users start most (status in both views, the Nagios check,
 * help, the inventory listing) against this machine through the embedded inventory, and loads the SSH client
 * and its crypto (sshj, the JDK's providers) so that the archive covers remote commands too: a {@code status} of an
 * inventory file whose host is a {@link RehearsalPeer} on loopback, and the crypto of the rest of a connection.
 * Connects nowhere outside the process. Each
 * command line goes the way {@link Main#main} sends it (Ctrl-C handling included), short of the exit.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        String[][] lines = {
            {"--version"}, {"status"}, {"status", "-o", "json"}, {"check"}, {"--help"}, {"status", "--help"},
            {"inventory", "list"},
        };
        for (String[] line : lines) {
            Main.run(out, out, true, line);
        }
        remoteStatus(out);
        // After the commands, not before: a method handle links by what is initialised at that moment, and the
        // archive then holds the shapes a one-shot status links (with the SSH classes initialised first, a local
        // status spun ~4 method handle forms at run time that the archive did not have).
        jts.fleet.controller.transport.SshPreload.warmUp();
    }

    /**
     * A {@code status -o json} of an inventory file naming one SSH host, which is a {@link RehearsalPeer} on loopback:
     * the inventory's YAML, the host's SSH settings, the fan-out and the connect up to the key exchange run as for a
     * real fleet, then the peer hangs up and the host is reported unreachable.
     */
    static void remoteStatus(PrintWriter out) throws IOException {
        Path dir = Files.createTempDirectory("jts-fleet-training",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path inventory = dir.resolve("inventory.yaml");
        Path knownHosts = dir.resolve("known_hosts");
        try (RehearsalPeer peer = RehearsalPeer.start()) {
            Files.writeString(knownHosts, "");
            Files.writeString(inventory, "hosts:\n  rehearsal: {address: " + peer.address().getHostAddress()
                    + ", port: " + peer.port() + ", user: jts, become: none, proxy_jump: none, identity_file: \""
                    + dir.resolve("id_ed25519") + "\", known_hosts: \"" + knownHosts + "\", groups: [rehearsals]}\n");
            // no ssh_config of the machine's (or the builder's: a Host * ProxyJump, an agent, accept-new) applies
            Main.run(out, out, true, "status", "--inventory", inventory.toString(), "--ssh-config", "none",
                    "--connect-timeout", "5s", "-o", "json");
        } finally {
            Files.deleteIfExists(inventory);
            Files.deleteIfExists(knownHosts);
            Files.deleteIfExists(dir);
        }
    }
}
