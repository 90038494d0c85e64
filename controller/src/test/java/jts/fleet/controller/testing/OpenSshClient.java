package jts.fleet.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code ssh} client as the oracle of host key decisions: asked to run {@code true} on a host with only
 * the given known_hosts file and key (no config, no agent, no global known_hosts, never prompting), it says
 * whether OpenSSH itself would connect.
 */
public final class OpenSshClient {
    private OpenSshClient() {
    }

    /** What ssh answered: its exit status (0 connected, 255 refused) and its stderr. */
    public record Outcome(int exitCode, String stderr) {
        public boolean connected() {
            return exitCode == 0;
        }
    }

    /**
     * {@code ssh -F /dev/null -o StrictHostKeyChecking=yes|accept-new ... -i identity -p port user@address true}.
     */
    public static Outcome run(String address, int port, String user, Path identity, Path knownHosts,
            boolean acceptNew) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=" + (acceptNew ? "accept-new" : "yes"),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=10",
                "-i", identity.toString(), "-p", Integer.toString(port), user + "@" + address, "true"));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Outcome(process.exitValue(), stderr);
    }
}
