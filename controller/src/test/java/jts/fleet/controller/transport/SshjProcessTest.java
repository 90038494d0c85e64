package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.CdsTraining;
import jts.fleet.controller.cli.CliProcess;

/**
 * Every way a process connects chooses sshj's crypto providers in {@link SshjProcess} before sshj's first crypto
 * call: a one-shot {@code status}, a {@code status} in the shell, and the start-up archive's training each reach the
 * key exchange with a {@link RehearsalPeer} in a child JVM (a fresh sshj; this JVM's tests may have registered
 * BouncyCastle) that logs the classes it loads, and none loads BouncyCastle's provider, which sshj registers on its
 * first crypto call unless told not to before (~250 ms of a cold run).
 */
class SshjProcessTest {
    private static final String BOUNCY_CASTLE_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    /** Loaded once sshj's key exchange with the peer has begun. */
    private static final String KEY_EXCHANGE = "net.schmizz.sshj.transport.kex.Curve25519DH";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** An inventory of one SSH host, the peer, and nothing of this machine's ssh_config or keys. */
    private Path inventory(RehearsalPeer peer) throws IOException {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        return Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  peer: {address: "
                + peer.address().getHostAddress() + ", port: " + peer.port() + ", user: jts, become: none,"
                + " proxy_jump: none, identity_file: \"" + dir.resolve("id_ed25519") + "\", known_hosts: \""
                + knownHosts + "\"}\n");
    }

    private static List<String> loaded(Path log) throws IOException {
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            classes.add(line.split(" ")[0]);
        }
        return classes;
    }

    private static List<String> classLog(Path log) {
        return List.of("-Xlog:class+load=info:file=" + log + ":none");
    }

    @Test
    void aOneShotStatusChoosesTheJdksProvidersBeforeItsFirstConnect() throws Exception {
        Path log = dir.resolve("cli-classes.log");
        try (RehearsalPeer peer = RehearsalPeer.start();
                CliProcess status = CliProcess.start(dir, Optional.empty(), classLog(log), "status", "--inventory",
                        inventory(peer).toString(), "--ssh-config", "none", "--connect-timeout", "5s", "-o", "json")) {
            assertThat(status.awaitExit(WAIT)).as(status.toString()).isPresent();
            assertThat(status.out()).as(status.toString()).contains("\"status\" : \"unreachable\"");
        }
        assertThat(loaded(log)).contains(KEY_EXCHANGE).doesNotContain(BOUNCY_CASTLE_PROVIDER);
    }

    @Test
    void aStatusInTheShellChoosesTheJdksProvidersBeforeItsFirstConnect() throws Exception {
        Path log = dir.resolve("shell-classes.log");
        try (RehearsalPeer peer = RehearsalPeer.start();
                CliProcess shell = CliProcess.start(dir, Optional.empty(), classLog(log), "shell", "--inventory",
                        inventory(peer).toString(), "--ssh-config", "none")) {
            shell.type("status --connect-timeout 5s -o json\n");
            assertThat(shell.awaitOut(line -> line.contains("\"unreachable\" : 1"), WAIT)).as(shell.toString())
                    .isPresent();
            shell.type("exit\n");
            shell.closeStdin();
            assertThat(shell.awaitExit(WAIT)).as(shell.toString()).isPresent();
        }
        assertThat(loaded(log)).contains(KEY_EXCHANGE).doesNotContain(BOUNCY_CASTLE_PROVIDER);
    }

    @Test
    void theStartUpArchivesTrainingChoosesTheJdksProvidersBeforeItsFirstConnect() throws Exception {
        Path log = dir.resolve("training-classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(classLog(log));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CdsTraining.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("training.out").toFile());
        builder.environment().put("HOME", dir.toString());
        Process training = builder.start();
        try {
            assertThat(training.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("training finished").isTrue();
            assertThat(training.exitValue()).as(Files.readString(dir.resolve("training.out"))).isZero();
        } finally {
            training.destroyForcibly();
        }
        assertThat(loaded(log)).contains(KEY_EXCHANGE).doesNotContain(BOUNCY_CASTLE_PROVIDER);
    }
}
