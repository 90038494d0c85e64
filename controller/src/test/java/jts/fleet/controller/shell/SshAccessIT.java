package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.cli.CliRun;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.testing.SshAgent;
import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.ShellQuote;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.Transports;
import jts.fleet.remote.testing.Environment;

/**
 * How production fleets are reached, through both front ends: {@code jts-fleet status} (in-process, as a process
 * without a terminal, and on a real pseudo-terminal) and {@code jts-fleet shell} (over byte streams and on a real
 * pseudo-terminal), against a real sshd presenting a CA-signed host certificate and trusting a user CA, with a real
 * ssh-agent: agent keys, a passphrase asked once on the terminal and never shown, no terminal, unprotected keys,
 * user and host certificates, {@code @revoked} keys and accept-new's notice.
 */
class SshAccessIT {
    private static final String USER = SshdFixture.NO_SUDO_USER;
    private static final String PASSPHRASE = "tr0ub4dor&3";
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STEP = Duration.ofSeconds(30);
    /** How long the operator takes to type a passphrase: twice the connect timeout the runs are given. */
    private static final Duration SLOW_OPERATOR = Duration.ofSeconds(4);

    @TempDir
    static Path dir;
    static SshdFixture sshd;
    static Path hostCa;
    static Path userCa;
    static Path encrypted;
    static Path certifiedUser;
    static Path caKnownHosts;

    @BeforeAll
    static void start() throws Exception {
        SshdFixture.require();
        Environment.requireTool("tmux");
        Environment.requireTool("ssh-agent");
        Environment.requireTool("setsid");
        hostCa = SshKeygen.generate(dir.resolve("host_ca"), "ed25519", "");
        userCa = SshKeygen.generate(dir.resolve("user_ca"), "ed25519", "");
        sshd = SshdFixture.builder().hosts(3).config("TrustedUserCAKeys " + userCa + ".pub")
                .hostCertificate(new SshdFixture.HostCertificate(hostCa, List.of("127.0.0.1"), Optional.of("-5m:+1d")))
                .noSudoUser().start();
        encrypted = SshKeygen.generate(dir.resolve("id_encrypted"), "ed25519", PASSPHRASE);
        sshd.authorizeKey(USER, Path.of(encrypted + ".pub"));
        certifiedUser = SshKeygen.generate(dir.resolve("id_certified"), "ed25519", "");
        SshKeygen.certify(userCa, Path.of(certifiedUser + ".pub"), "it-user", false, List.of(USER),
                Optional.empty());
        caKnownHosts = Files.writeString(dir.resolve("known_hosts_ca"),
                "@cert-authority [127.0.0.1]:* " + Files.readString(Path.of(hostCa + ".pub")));
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** An inventory of the fixture's hosts, all logging in as USER with {@code identity}. */
    private static Path inventory(String name, Path identity, Path knownHosts) throws Exception {
        List<SshdFixture.InventoryHost> hosts = new ArrayList<>();
        for (int i = 0; i < sshd.ports().size(); i++) {
            hosts.add(new SshdFixture.InventoryHost(SshdFixture.hostName(i), sshd.ports().get(i), USER, identity,
                    false, Optional.empty(), List.of("it")));
        }
        return sshd.writeInventory(dir.resolve(name + ".yaml"), hosts, knownHosts);
    }

    private static JsonNode statusJson(String out) throws Exception {
        return Json.MAPPER.readTree(out).path("hosts");
    }

    private static String shellStatus(Path inventory) throws Exception {
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            h.shell.execute(List.of("status", "-H", "it", "-o", "json", "--forks", "3"));
            return h.output();
        }
    }

    /** The JSON document of a shell run's status, without the notices printed after it. */
    private static JsonNode jsonIn(String shellOutput) throws Exception {
        int start = shellOutput.indexOf('{');
        int end = shellOutput.lastIndexOf('}');
        return Json.MAPPER.readTree(shellOutput.substring(start, end + 1)).path("hosts");
    }

    @Test
    void hostCertificatesTrustedByACaLineServeEveryHost() throws Exception {
        Path inventory = inventory("ca", sshd.ed25519Identity(), caKnownHosts);
        CliRun cli = CliRun.of("status", "--inventory", inventory.toString(), "-H", "it", "-o", "json",
                "--forks", "3");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(statusJson(cli.out())).allSatisfy(h -> assertThat(h.path("status").asText()).isEqualTo("ok"));
        assertThat(jsonIn(shellStatus(inventory)))
                .allSatisfy(h -> assertThat(h.path("status").asText()).isEqualTo("ok"));
    }

    /**
     * OpenSSH's "REVOKED HOST KEY DETECTED": the {@code @revoked} line wins over a plain line and the CA line for
     * the same key, whether it comes before or after them.
     */
    @ParameterizedTest(name = "@revoked {0}")
    @ValueSource(strings = {"first", "last"})
    void aRevokedHostKeyFailsThatHostOnly(String where) throws Exception {
        int port = sshd.ports().get(1);
        String revoked = "@revoked [127.0.0.1]:" + port + " " + sshd.hostPublicKey() + "\n";
        String trusted = Files.readString(caKnownHosts) + sshd.knownHostsLine(port) + "\n";
        Path known = Files.writeString(dir.resolve("known_hosts_revoked_" + where),
                where.equals("first") ? revoked + trusted : trusted + revoked);
        Path inventory = inventory("revoked-" + where, sshd.ed25519Identity(), known);
        CliRun cli = CliRun.of("status", "--inventory", inventory.toString(), "-H", "it", "-o", "json",
                "--forks", "3");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        for (JsonNode hosts : List.of(statusJson(cli.out()), jsonIn(shellStatus(inventory)))) {
            assertThat(hosts.get(0).path("status").asText()).isEqualTo("ok");
            assertThat(hosts.get(1).path("failure").asText()).isEqualTo("host_key");
            assertThat(hosts.get(1).path("error").asText()).startsWith("h02: REVOKED host key ssh-ed25519 ")
                    .contains("revoked");
            assertThat(hosts.get(2).path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void acceptNewTellsWhatItRecordedOnStderrForEveryHost() throws Exception {
        Path known = dir.resolve("fresh-cli/known_hosts");
        Path inventory = inventory("fresh-cli", sshd.ed25519Identity(), known);
        CliRun cli = CliRun.of("status", "--inventory", inventory.toString(), "-H", "it", "-o", "json", "--forks", "3",
                "--accept-new-host-keys");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        for (int i = 0; i < 3; i++) {
            int port = sshd.ports().get(i);
            assertThat(cli.err()).contains("jts-fleet: " + SshdFixture.hostName(i) + ": recorded new host key"
                    + " ssh-ed25519 " + sshd.hostKeyFingerprint() + " for [127.0.0.1]:" + port + " in " + known);
        }
        assertThat(cli.out()).doesNotContain("recorded new host key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known.getParent())))
                .isEqualTo("rwx------");

        Path shellKnown = dir.resolve("fresh-shell/known_hosts");
        Path shellInventory = inventory("fresh-shell", sshd.ed25519Identity(), shellKnown);
        try (ShellHarness h = new ShellHarness(shellInventory, "", Optional.empty(),
                SshOptions.defaults().withAcceptNewHostKeys(true), Transports::open)) {
            h.shell.execute(List.of("status", "-H", "it", "--forks", "3"));
            assertThat(h.output()).contains("jts-fleet: h01: recorded new host key ssh-ed25519 "
                    + sshd.hostKeyFingerprint() + " for [127.0.0.1]:" + sshd.ports().get(0) + " in " + shellKnown);
        }
    }

    /** OpenSSH's modes for what accept-new creates, also when the operator's umask is 000. */
    @Test
    void acceptNewCreatesKnownHosts0600In0700WhateverTheUmask() throws Exception {
        Path known = dir.resolve("umask-000/ssh/known_hosts");
        Path inventory = inventory("umask-000", sshd.ed25519Identity(), known);
        try (CliProcess cli = CliProcess.start(Files.createDirectories(dir.resolve("umask-home")), Optional.of("000"),
                "status", "--inventory", inventory.toString(), "-H", "it", "--forks", "3", "--accept-new-host-keys")) {
            Optional<CliProcess.Line> exit = cli.awaitExit(STEP.multipliedBy(2));
            assertThat(exit).as(cli.toString()).isPresent();
            assertThat(exit.get().text()).as(cli.toString()).isEqualTo("0");
        }
        assertThat(Files.readAllLines(known)).hasSize(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known.getParent().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aUserCertificateBesideTheKeyLogsIn() throws Exception {
        Path inventory = inventory("user-cert", certifiedUser, caKnownHosts);
        CliRun cli = CliRun.of("status", "--inventory", inventory.toString(), "-H", "it", "-o", "json",
                "--forks", "3");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(jsonIn(shellStatus(inventory)))
                .allSatisfy(h -> assertThat(h.path("status").asText()).isEqualTo("ok"));
    }

    @Test
    void anUnprotectedKeyIsRefusedLikeOpenSsh() throws Exception {
        Path loose = dir.resolve("id_loose");
        Files.copy(sshd.ed25519Identity(), loose);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r-----"));
        Path inventory = inventory("loose", loose, caKnownHosts);
        CliRun cli = CliRun.of("status", "--inventory", inventory.toString(), "-H", "it", "-o", "json",
                "--forks", "3");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        String expected = loose + ": UNPROTECTED PRIVATE KEY FILE: permissions 0640 are too open";
        assertThat(statusJson(cli.out())).allSatisfy(h -> {
            assertThat(h.path("failure").asText()).isEqualTo("auth");
            assertThat(h.path("error").asText()).contains(expected).contains("chmod 600 " + loose);
        });
        // the warning itself once on stderr, not once per host
        assertThat(cli.err().split("jts-fleet: " + Pattern.quote(expected), -1)).hasSize(2);
        assertThat(jsonIn(shellStatus(inventory)))
                .allSatisfy(h -> assertThat(h.path("error").asText()).contains(expected));
    }

    @Test
    void anEncryptedKeyWithoutATerminalFailsNamingTheKeyAndTheAgent() throws Exception {
        Path inventory = inventory("no-tty", encrypted, caKnownHosts);
        Process cli = launcher(List.of("setsid", "-w"), Map.of(), "status", "--inventory", inventory.toString(),
                "-H", "it", "-o", "json", "--forks", "3");
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(out).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(statusJson(out)).allSatisfy(h -> assertThat(h.path("error").asText()).contains(encrypted
                + " (encrypted, and there is no terminal to ask for its passphrase: load it into ssh-agent (ssh-add "
                + encrypted + ")"));
        assertThat(jsonIn(shellStatus(inventory))).allSatisfy(h -> assertThat(h.path("error").asText())
                .contains("no terminal to ask for its passphrase"));
    }

    @Test
    void agentKeysServeTheCliAndTheShellWithoutAPassphrase() throws Exception {
        Path inventory = inventory("agent", encrypted, caKnownHosts);
        try (SshAgent agent = SshAgent.start()) {
            agent.add(encrypted, PASSPHRASE);
            Process cli = launcher(List.of("setsid", "-w"), Map.of("SSH_AUTH_SOCK", agent.socket().toString()),
                    "status", "--inventory", inventory.toString(), "-H", "it", "-o", "json", "--forks", "3");
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(out).isZero();
            try (Tmux tmux = Tmux.start("access-agent", shellCommand(inventory, "SSH_AUTH_SOCK="
                    + ShellQuote.quote(agent.socket().toString())), 200, 50)) {
                tmux.await("the prompt", START, s -> s.stripTrailing().endsWith("jts-fleet[all]>"));
                tmux.type("status -H it --forks 3");
                tmux.keys("Enter");
                String screen = tmux.await("the recap", STEP, s -> s.contains("RECAP")
                        && s.stripTrailing().endsWith("jts-fleet[all]>"));
                assertThat(screen).containsPattern("(?m)^h01 +ok").containsPattern("(?m)^h03 +ok")
                        .doesNotContain("Enter passphrase");
                leave(tmux);
            }
        }
    }

    @Test
    void thePassphraseIsAskedOnceOnTheTerminalAndNeverShown() throws Exception {
        Path inventory = inventory("tty", encrypted, caKnownHosts);
        String prompt = "Enter passphrase for key '" + encrypted + "': ";
        String cli = launcherCommand("") + " status --inventory " + ShellQuote.quote(inventory.toString())
                + " -H it --forks 3 --connect-timeout 2s; echo \"CLI-EXIT=$?\"; sleep 120";
        try (Tmux tmux = Tmux.start("access-cli-tty", cli, 200, 50)) {
            tmux.await("the passphrase prompt", START, s -> s.contains(prompt));
            Thread.sleep(SLOW_OPERATOR.toMillis()); // past the connect timeout: the operator's time does not count
            tmux.type(PASSPHRASE);
            tmux.keys("Enter");
            String screen = tmux.await("the CLI's exit", STEP, s -> s.contains("CLI-EXIT="));
            assertThat(screen).contains("CLI-EXIT=0").doesNotContain(PASSPHRASE);
            assertThat(count(screen, Pattern.quote(prompt))).as(screen).isEqualTo(1);
            assertThat(screen).containsPattern("(?m)^h01 +ok").containsPattern("(?m)^h02 +ok")
                    .containsPattern("(?m)^h03 +ok");
        }
        try (Tmux tmux = Tmux.start("access-shell-tty", shellCommand(inventory, ""), 200, 50)) {
            tmux.await("the prompt", START, s -> s.stripTrailing().endsWith("jts-fleet[all]>"));
            tmux.type("status -H it --forks 3 --connect-timeout 2s");
            tmux.keys("Enter");
            tmux.await("the passphrase prompt", STEP, s -> s.contains(prompt));
            Thread.sleep(SLOW_OPERATOR.toMillis());
            tmux.type(PASSPHRASE);
            tmux.keys("Enter");
            tmux.await("the recap", STEP, s -> s.contains("RECAP") && s.stripTrailing().endsWith("jts-fleet[all]>"));
            tmux.type("status -H it");
            tmux.keys("Enter");
            String screen = tmux.await("the second recap", STEP, s -> count(s, "RECAP") == 2
                    && s.stripTrailing().endsWith("jts-fleet[all]>"));
            assertThat(count(screen, Pattern.quote(prompt))).as(screen).isEqualTo(1);
            assertThat(screen).doesNotContain(PASSPHRASE).containsPattern("(?m)^h02 +ok");
            leave(tmux);
        }
    }

    /**
     * Ctrl-D and wait for the shell's exit: it writes its history as it ends, which must happen before the
     * temporary directory holding its home is deleted.
     */
    private static void leave(Tmux tmux) throws Exception {
        tmux.keys("C-d");
        tmux.await("the shell's exit", STEP, s -> s.contains("SHELL-EXIT="));
        assertThat(tmux.screen()).contains("SHELL-EXIT=0");
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    /** {@code cd DIR && HOME=... ENV java -cp ... ShellLauncher}, for a pane or a process. */
    private static String launcherCommand(String environment) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "cd " + ShellQuote.quote(dir.toString()) + " && env -u SSH_AUTH_SOCK HOME="
                + ShellQuote.quote(home.toString()) + " XDG_DATA_HOME=" + ShellQuote.quote(dir.resolve("data").toString())
                + " " + environment + " " + ShellQuote.quote(java) + " -cp "
                + ShellQuote.quote(System.getProperty("java.class.path")) + " " + ShellLauncher.class.getName();
    }

    private static String shellCommand(Path inventory, String environment) throws Exception {
        return launcherCommand(environment) + " shell --inventory " + ShellQuote.quote(inventory.toString())
                + "; echo \"SHELL-EXIT=$?\"; sleep 120";
    }

    /** The CLI as a process of its own (stdout returned, stderr merged), started through {@code prefix}. */
    private static Process launcher(List<String> prefix, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShellLauncher.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        builder.environment().putAll(env);
        return builder.start();
    }
}
