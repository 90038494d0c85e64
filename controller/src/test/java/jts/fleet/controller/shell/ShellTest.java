package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jline.reader.LineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/**
 * The shell's loop driven through jline's DumbTerminal over byte streams, against hosts on this machine
 * (local transport): the same commands, parser and output as the CLI, without a pseudo-terminal.
 */
class ShellTest {
    @TempDir
    Path temp;

    private Path inventory() throws Exception {
        return ShellHarness.writeInventory(temp, ShellHarness.LOCAL_INVENTORY);
    }

    @Test
    void endOfInputExitsWithZeroAndUseSetsThePromptAndTheDefaultHosts() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "use lab\nstatus --list-hosts\n", Optional.empty())) {
            int code = h.shell.run();
            assertThat(code).isEqualTo(ExitCodes.OK);
            String out = h.output();
            assertThat(out).contains("jts-fleet[all]> using 'lab': 2 hosts (alpha, beta)");
            // --list-hosts of a command without --hosts shows the `use` selection, read from the shell's --inventory
            assertThat(out).contains("jts-fleet[lab]>   hosts (2):\n    alpha\n    beta\n");
        }
    }

    @Test
    void exitAndQuitStopReadingLinesAfterThem() throws Exception {
        for (String word : List.of("exit", "quit")) {
            try (ShellHarness h = new ShellHarness(inventory(), word + "\nuse lab\n", Optional.empty())) {
                assertThat(h.shell.run()).isEqualTo(ExitCodes.OK);
                assertThat(h.output()).as(word).doesNotContain("using 'lab'");
            }
        }
    }

    @Test
    void aPatternSelectingNothingIsRefusedAndKeepsTheSelection() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "use db\nuse nosuch\nuse lab,!nosuch\nuse\n",
                Optional.empty())) {
            h.shell.run();
            String out = h.output();
            assertThat(out).contains("jts-fleet: pattern 'nosuch': 'nosuch' is neither a host nor a group of "
                    + temp.resolve("inventory.yaml"));
            assertThat(out).contains("jts-fleet[db]> using 'db': 1 host (db-01)\n");
            assertThat(h.session.selection()).isEqualTo("db");
        }
    }

    @Test
    void jsonOutputWorksInTheShellAsOnTheCommandLine() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty())) {
            int code = h.shell.execute(List.of("status", "-H", "alpha", "-o", "json"));
            assertThat(code).isEqualTo(ExitCodes.OK);
            JsonNode doc = new ObjectMapper().readTree(h.output());
            assertThat(doc.path("hosts").get(0).path("host").asText()).isEqualTo("alpha");
            assertThat(doc.path("hosts").get(0).path("status").asText()).isEqualTo("ok");
            assertThat(doc.path("recap").path("ok").asInt()).isEqualTo(1);
            // the gather went through the session's pool: its snapshot is cached for completion and top
            assertThat(h.session.cachedModel("alpha")).isPresent();
            assertThat(h.session.cachedDevices(List.of(h.session.inventory().host("alpha").orElseThrow())))
                    .isNotEmpty();
        }
    }

    @Test
    void connectionsAreKeptAcrossCommands() throws Exception {
        AtomicInteger created = new AtomicInteger();
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty(), (host, run, options) -> {
            created.incrementAndGet();
            return jts.fleet.controller.transport.Transports.open(host, run, options);
        })) {
            h.shell.execute(List.of("status", "-H", "lab"));
            h.shell.execute(List.of("hosts", "-H", "lab"));
            h.shell.execute(List.of("status", "-H", "alpha"));
            assertThat(created).hasValue(2);
            assertThat(h.output()).containsPattern("alpha +local +connected +\\d+\\.\\d ms +0");
        }
    }

    @Test
    void historyIsWrittenAndReadBackByTheNextShell() throws Exception {
        Path history = temp.resolve("data/jts-fleet/history");
        try (ShellHarness h = new ShellHarness(inventory(), "use lab\n  use db\nhosts --no-probe\n",
                Optional.of(history))) {
            h.shell.run();
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(history)).contains(":use lab").contains(":hosts --no-probe")
                .as("lines starting with a space stay out of history").doesNotContain("use db");
        try (ShellHarness second = new ShellHarness(inventory(), "", Optional.of(history))) {
            LineReader reader = second.shell.reader();
            reader.getHistory().attach(reader); // what the first readLine does
            List<String> lines = new java.util.ArrayList<>();
            reader.getHistory().forEach(e -> lines.add(e.line()));
            assertThat(lines).containsExactly("use lab", "hosts --no-probe");
        }
    }

    @Test
    void interruptStopsALongRemoteCommandAndTheShellStaysUsable() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty())) {
            int[] code = {-1};
            long started = System.nanoTime();
            Thread typed = new Thread(() -> code[0] = h.shell.execute(List.of("diskstats", "-H", "alpha", "-i", "29")));
            typed.start();
            awaitProcess("29", true);
            h.shell.interruptRunning();
            typed.join(Duration.ofSeconds(10).toMillis());
            assertThat(typed.isAlive()).as("command still running 10 s after Ctrl-C").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(code[0]).isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(h.output()).contains("alpha: run interrupted while the host was still running")
                    .contains("jts-fleet: 'diskstats' interrupted");
            awaitProcess("29", false);
            assertThat(h.shell.execute(List.of("use", "alpha"))).isEqualTo(ExitCodes.OK);
        }
    }

    /** Waits until the sampling script with {@code interval} runs as a child of this JVM, or is gone. */
    private static void awaitProcess(String interval, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean found = !ShellHarness.samplingScripts(ProcessHandle.current().descendants(), interval).isEmpty();
            if (found == present) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("diskstats script (interval " + interval + ") " + (present ? "never started" : "still running"));
    }

    @Test
    void aDroppedConnectionIsReconnectedOnNextUseAndTheShellSaysSo() throws Exception {
        AtomicBoolean connected = new AtomicBoolean(true);
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty(),
                (host, run, options) -> new Transport() {
                    @Override
                    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout,
                            boolean become) throws TransportException {
                        connected.set(true); // the transport reconnects on use, as SshTransport does
                        return new ExecResult(0, new byte[0], "", Duration.ofMillis(2));
                    }

                    @Override
                    public String hostName() {
                        return host.name();
                    }

                    @Override
                    public Duration lastLatency() {
                        return Duration.ofMillis(2);
                    }

                    @Override
                    public boolean isConnected() {
                        return connected.get();
                    }

                    @Override
                    public void close() {
                    }
                })) {
            h.shell.execute(List.of("hosts", "-H", "alpha"));
            assertThat(h.output()).doesNotContain("reconnected");
            connected.set(false); // keepalive declared the peer dead while the shell was idle
            h.shell.execute(List.of("hosts", "-H", "alpha"));
            assertThat(h.output()).contains("jts-fleet: alpha: connection had dropped; reconnected");
        }
    }

    @Test
    void outputFollowsTheTerminalWidthAndHasNoColorsOnADumbTerminal() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty())) {
            h.terminal.setSize(new org.jline.terminal.Size(60, 24));
            assertThat(h.shell.execute(List.of("run-check", "--list"))).isEqualTo(ExitCodes.OK);
            assertThat(h.shell.execute(List.of("status", "-H", "alpha"))).isEqualTo(ExitCodes.OK);
            String out = h.output();
            assertThat(out).contains("scheduler").contains("RECAP");
            assertThat(out.lines().filter(l -> l.startsWith("scheduler") || l.startsWith("alpha")))
                    .isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(60));
            assertThat(out).doesNotContain("\u001b[");
        }
    }

    @Test
    void aShellInsideTheShellIsRefused() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty())) {
            assertThat(h.shell.execute(List.of("shell"))).isEqualTo(ExitCodes.USAGE);
            assertThat(h.output()).contains("jts-fleet: already in the shell");
        }
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrorsThatKeepTheShellRunning() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "stauts\nstatus --bogus\nuse alpha\n", Optional.empty())) {
            assertThat(h.shell.run()).isEqualTo(ExitCodes.OK);
            String out = h.output();
            assertThat(out).contains("Unmatched argument at index 0: 'stauts'").containsPattern("Did you mean: .*status")
                    .contains("Unknown option: '--bogus'").contains("using 'alpha'");
        }
    }

    @Test
    void journalShowsEachHostAndSaysWhenTheHostHasNoSystemd() throws Exception {
        boolean systemd = Files.isDirectory(Path.of("/run/systemd/system"));
        try (ShellHarness h = new ShellHarness(inventory(), "", Optional.empty())) {
            assertThat(h.shell.execute(List.of("journal", "-H", "alpha"))).isEqualTo(ExitCodes.OK);
            if (systemd) {
                assertThat(h.output()).contains("== alpha (jts-*)\n").doesNotContain("no journal: ");
            } else {
                assertThat(h.output()).contains("== alpha (jts-*)\nno journal: systemd is not running");
            }
            assertThat(h.shell.execute(List.of("journal", "-H", "alpha", "sshd.service"))).isEqualTo(ExitCodes.USAGE);
            assertThat(h.output()).contains("unit 'sshd.service' is not a jts-fleet unit");
        }
    }

    @Test
    void theShellsOwnCommandsPrintToTheShellAndReadEnumsInAnyCaseLikeEveryCommand() throws Exception {
        try (ShellHarness h = new ShellHarness(inventory(), "diskstats --help\nrun-check --list -o JSON\n",
                Optional.empty())) {
            assertThat(h.shell.run()).isEqualTo(ExitCodes.OK);
            assertThat(h.output()).contains("Usage: jts-fleet diskstats").contains("-i, --interval=SECONDS")
                    .doesNotContain("Invalid value for option '--output'");
        }
    }
}
