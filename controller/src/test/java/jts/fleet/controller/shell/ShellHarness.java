package jts.fleet.controller.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.TransportFactory;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.Transports;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.InventoryLoader;

/** A shell over jline's DumbTerminal and byte streams: what a user types goes in, what the terminal shows comes out. */
final class ShellHarness implements AutoCloseable {
    /** Two local hosts in group lab and one in group db, all on this machine through the local transport. */
    static final String LOCAL_INVENTORY = """
            defaults:
              become: none
            hosts:
              alpha:
                connection: local
                groups: [lab]
              beta:
                connection: local
                groups: [lab]
              db-01:
                connection: local
                groups: [db]
            """;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final Terminal terminal;
    final AppContext context;
    final ShellSession session;
    final Shell shell;

    ShellHarness(Path inventory, String typed, Optional<Path> history) throws Exception {
        this(inventory, typed, history, Transports::open);
    }

    ShellHarness(Path inventory, String typed, Optional<Path> history,
            TransportFactory factory) throws Exception {
        this(inventory, typed, history, SshOptions.defaults(), factory);
    }

    /** With the session's SSH options (what {@code jts-fleet shell --accept-new-host-keys ...} sets). */
    ShellHarness(Path inventory, String typed, Optional<Path> history, SshOptions options,
            TransportFactory factory) throws Exception {
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), output, StandardCharsets.UTF_8);
        context = new AppContext(terminal.writer(), terminal.writer(), false, Clock.systemUTC());
        session = new ShellSession(context, InventoryLoader.standard(), Optional.of(inventory), options,
                PassphrasePrompt.NONE, factory);
        shell = new Shell(terminal, session, history);
    }

    static Path writeInventory(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("inventory.yaml"), yaml);
    }

    /** Processes of the diskstats sampling script started with {@code interval}: its timeout and its shell. */
    static java.util.List<ProcessHandle> samplingScripts(java.util.stream.Stream<ProcessHandle> processes,
            String interval) {
        return processes.filter(p -> {
            java.util.List<String> a = commandLine(p.pid());
            return a.size() >= 3 && a.get(a.size() - 1).equals(interval) && a.get(a.size() - 2).equals("jts-fleet")
                    && String.join(" ", a).contains("diskstats-sample.sh");
        }).toList();
    }

    /**
     * The whole {@code /proc/PID/cmdline}, empty for a process that is gone. (ProcessHandle.Info reads only its
     * first page, 4 KiB: a script with its preludes, passed as {@code sh -c SCRIPT jts-fleet ARGS}, is longer.)
     */
    private static java.util.List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            if (raw.endsWith("\0")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            return raw.isEmpty() ? java.util.List.of() : java.util.List.of(raw.split("\0", -1));
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.util.List.of();
        }
    }

    String output() {
        terminal.writer().flush();
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        session.close();
        terminal.close();
    }
}
