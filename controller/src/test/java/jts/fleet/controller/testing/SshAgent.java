package jts.fleet.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code ssh-agent} started by a test ({@code ssh-agent -D -a SOCKET}), loaded with {@code ssh-add}, as an
 * operator's agent is. Encrypted keys are added with their passphrase through {@code SSH_ASKPASS} (forced, so no
 * terminal is needed). {@link #close()} stops the agent it started and deletes its directory.
 */
public final class SshAgent implements AutoCloseable {
    private final Path dir;
    private final Path socket;
    private final Process agent;
    /** Stops the agent if the test JVM exits without close() (killed fork, System.exit). */
    private final ExitCleanup exitCleanup = ExitCleanup.register("ssh-agent-cleanup", this::close);

    private SshAgent(Path dir, Path socket, Process agent) {
        this.dir = dir;
        this.socket = socket;
        this.agent = agent;
    }

    public static SshAgent start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jts-agent-");
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && agent.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!Files.exists(socket)) {
            agent.destroyForcibly();
            Command.deleteTree(dir);
            throw new IOException("ssh-agent did not create " + socket);
        }
        return new SshAgent(dir, socket, agent);
    }

    /** The agent's socket, what {@code SSH_AUTH_SOCK} holds. */
    public Path socket() {
        return socket;
    }

    /** {@code ssh-add KEY} (which also loads {@code KEY-cert.pub} when present). */
    public void add(Path privateKey) throws IOException, InterruptedException {
        add(privateKey, "");
    }

    /** {@code ssh-add KEY} for a key encrypted with {@code passphrase}, answered through SSH_ASKPASS. */
    public void add(Path privateKey, String passphrase) throws IOException, InterruptedException {
        Path askpass = dir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + passphrase.replace("'", "'\\''") + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("setsid", "-w", "ssh-add", privateKey.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("SSH_AUTH_SOCK", socket.toString());
        env.put("SSH_ASKPASS", askpass.toString());
        env.put("SSH_ASKPASS_REQUIRE", "force");
        env.put("DISPLAY", "none");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.deleteIfExists(askpass);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("ssh-add " + privateKey + " failed: " + output.strip());
        }
    }

    /** {@code ssh-add -l}: one line per identity the agent holds. */
    public List<String> list() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ssh-add", "-l").redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new ArrayList<>(output.lines().filter(line -> !line.isBlank()).toList());
    }

    @Override
    public void close() {
        exitCleanup.unregister();
        agent.destroy();
        try {
            if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            agent.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Command.deleteTree(dir);
    }
}
