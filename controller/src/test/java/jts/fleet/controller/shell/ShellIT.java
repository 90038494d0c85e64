package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.e2e.Launcher;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * {@code jts-fleet shell} on a real pseudo-terminal (tmux) against real sshd hosts, started through the built
 * launcher: what an operator types, keys included (Tab, Ctrl-C, Ctrl-D, Up), and what the terminal shows.
 */
class ShellIT {
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STEP = Duration.ofSeconds(20);
    @Sshd(hosts = 3)
    static SshdFixture sshd;
    private static Path inventory;
    /**
     * A device name that its own name minus the last character completes to: the partition loopNp1 of a loop device
     * this test attaches with one partition. The machine's own disks cannot serve: on one with vda, vda1, vda14 and
     * vda15 (a Debian cloud image) no name has a prefix that is its alone.
     */
    private static String partition;
    private static LoopDevices loops;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startHosts() throws Exception {
        Launcher.requireBuilt();
        Environment.requireTool("tmux");
        Environment.requireTool("losetup");
        Environment.requireTool("sfdisk");
        // LoopDevices.attach reads the partition table with partx where the kernel's own parsers do not
        Environment.requireTool("partx");
        loops = new LoopDevices(temp);
        partition = loops.attach("completion", 64L << 20, LoopDevices.ONE_PARTITION) + "p1";
        Path knownHosts = sshd.writeKnownHosts();
        List<Integer> ports = sshd.ports();
        List<SshdFixture.InventoryHost> hosts = List.of(
                new SshdFixture.InventoryHost("db-01", ports.get(0), "root", sshd.ed25519Identity(), false,
                        Optional.empty(), List.of("prod", "db")),
                new SshdFixture.InventoryHost("db-02", ports.get(1), "root", sshd.ed25519Identity(), false,
                        Optional.empty(), List.of("prod", "db")),
                new SshdFixture.InventoryHost("web-01", ports.get(2), "root", sshd.ed25519Identity(), false,
                        Optional.empty(), List.of("prod", "edge")));
        inventory = sshd.writeInventory(temp.resolve("inventory.yaml"), hosts, knownHosts);
    }

    @AfterAll
    static void detach() {
        if (loops != null) {
            loops.close();
        }
    }

    /** {@code jts-fleet shell} over the test's inventory, as an operator starts it ({@link Tmux#launcherShell}). */
    private static Tmux shell(String name) throws Exception {
        return Tmux.launcherShell(name, temp, inventory, 160);
    }

    private static boolean endsWithPrompt(String screen, String selection) {
        return screen.stripTrailing().endsWith("jts-fleet[" + selection + "]>");
    }

    @Test
    void anOperatorSessionThroughARealTerminal() throws Exception {
        try (Tmux tmux = shell("shell-it")) {
            tmux.await("the first prompt", START, s -> endsWithPrompt(s, "all"));

            // Tab completes a command ...
            tmux.type("sta");
            tmux.keys("Tab");
            tmux.await("'status' completed", STEP, s -> s.stripTrailing().endsWith("jts-fleet[all]> status"));
            tmux.keys("C-u");
            // ... and a host name as the argument of use
            tmux.type("use web");
            tmux.keys("Tab");
            tmux.await("'web-01' completed", STEP, s -> s.stripTrailing().endsWith("jts-fleet[all]> use web-01"));
            tmux.keys("Enter");
            String used = tmux.await("the new selection in the prompt", STEP, s -> endsWithPrompt(s, "web-01"));
            assertThat(used).contains("using 'web-01': 1 host (web-01)");

            // a status run over SSH; its gather feeds device completion
            tmux.type("status -H prod");
            tmux.keys("Enter");
            String status = tmux.await("the status recap", STEP, s -> s.contains("RECAP") && endsWithPrompt(s, "web-01"));
            assertThat(status).containsPattern("(?m)^db-01 +ok").containsPattern("(?m)^db-02 +ok")
                    .containsPattern("(?m)^web-01 +ok");
            // a real terminal gets colors (the same Colors as the CLI on a terminal): "ok" in green
            assertThat(tmux.screenWithEscapes()).contains("\u001b[32mok");
            String device = partition;
            tmux.type("diskstats " + device.substring(0, device.length() - 1));
            tmux.keys("Tab");
            tmux.await("a device of web-01 completed", STEP, s -> s.stripTrailing().endsWith("> diskstats " + device));
            tmux.keys("C-u");

            // Ctrl-C stops a long remote command; the shell stays usable
            tmux.type("diskstats -i 37");
            tmux.keys("Enter");
            awaitRemoteScript(true, STEP);
            long interruptedAt = System.nanoTime();
            tmux.keys("C-c");
            String stopped = tmux.await("the prompt after Ctrl-C", STEP,
                    s -> s.contains("'diskstats' interrupted") && endsWithPrompt(s, "web-01"));
            Duration toPrompt = Duration.ofNanos(System.nanoTime() - interruptedAt);
            assertThat(toPrompt).as("Ctrl-C to prompt").isLessThan(Duration.ofSeconds(5));
            assertThat(stopped).contains("web-01: run interrupted while the host was still running");
            // root login: sshd refuses the transport's KILL, so this is the script's own SIGPIPE at work
            awaitRemoteScript(false, Duration.ofSeconds(5));
            tmux.type("use all");
            tmux.keys("Enter");
            tmux.await("the shell answering after Ctrl-C", STEP, s -> s.contains("using 'all': 3 hosts")
                    && endsWithPrompt(s, "all"));

            // Ctrl-D leaves with status 0
            tmux.keys("C-d");
            tmux.await("the exit status", STEP, s -> s.contains("SHELL-EXIT="));
            assertThat(tmux.screen()).contains("SHELL-EXIT=0");
        }

        // a second run finds the first one's history: Up shows the last command
        try (Tmux again = shell("shell-it-2")) {
            again.await("the first prompt", START, s -> endsWithPrompt(s, "all"));
            again.keys("Up");
            again.await("the last line of the previous run", STEP,
                    s -> s.stripTrailing().endsWith("jts-fleet[all]> use all"));
            again.keys("C-u", "C-d");
            again.await("the exit status", STEP, s -> s.contains("SHELL-EXIT=0"));
        }
        assertThat(Files.readString(temp.resolve("state/jts-fleet/history")))
                .contains(":use web-01").contains(":status -H prod").contains(":diskstats -i 37");
    }

    private static int logins() {
        return sshd.logLines("Accepted publickey").size();
    }

    /** The logins once there are {@code expected} (sshd logs a login after the session goes on). */
    private static int awaitLogins(int expected) throws InterruptedException {
        return sshd.awaitLogLines("Accepted publickey", expected).size();
    }

    @Test
    void connectionsOpenLazilyAndAreKeptAcrossCommands() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            int before = logins();
            assertThat(h.shell.execute(List.of("use", "db"))).isZero();
            assertThat(logins()).as("use only checks the pattern").isEqualTo(before);
            for (int i = 0; i < 3; i++) {
                assertThat(h.shell.execute(List.of("status", "-o", "json"))).isZero();
                assertThat(h.shell.execute(List.of("hosts"))).isZero();
            }
            assertThat(awaitLogins(before + 2)).as("one login per host of the selection for six commands")
                    .isEqualTo(before + 2);
            // the gathers after the first went to one resident reader per host, not to a session each
            assertThat(awaitReaders(2)).as("resident readers on the hosts").isEqualTo(2);
        }
        assertThat(awaitReaders(0)).as("resident readers left after the shell closed").isZero();
    }

    /** Polls for up to 10 s until {@code expected} resident readers (resident.sh) run here; the last count. */
    private static long awaitReaders(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            // the reader's sh, not the timeout above it (its command line holds the same script text)
            long count = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.startsWith("sh -c ") && c.contains("# jts-fleet resident reader"))
                    .orElse(false)).count();
            if (count == expected || System.nanoTime() > deadline) {
                return count;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aDroppedConnectionIsReconnectedOnNextUseAndTheShellSaysSo() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory, "", Optional.empty())) {
            assertThat(h.shell.execute(List.of("hosts", "-H", "db"))).isZero();
            assertThat(h.output()).containsPattern("db-01 +127\\.0\\.0\\.1:\\d+ +connected +\\d+\\.\\d ms +0")
                    .doesNotContain("reconnected");
            sshd.killSessions(); // the hosts' sshd session processes die: every kept connection drops
            assertThat(h.shell.execute(List.of("hosts", "-H", "db"))).isZero();
            String out = h.output();
            assertThat(out).contains("jts-fleet: db-01: connection had dropped; reconnected")
                    .contains("jts-fleet: db-02: connection had dropped; reconnected")
                    .containsPattern("db-01 +127\\.0\\.0\\.1:\\d+ +connected +\\d+\\.\\d ms +1");
            // web-01 was never used in this session: nothing to reconnect, nothing said
            assertThat(out).doesNotContain("web-01: connection");
        }
    }

    /**
     * Waits until the diskstats sampling script started with interval 37 runs on the host (this machine), or
     * until no process of it is left: {@code timeout ... sh -c <script> jts-fleet 37} and its shell.
     */
    private static void awaitRemoteScript(boolean present, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessHandle> found = ShellHarness.samplingScripts(ProcessHandle.allProcesses(), "37");
            if (found.isEmpty() != present) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("remote diskstats script " + (present ? "never started" : "still running: "
                        + found.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")
                        .substring(0, 40)).toList()) + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
