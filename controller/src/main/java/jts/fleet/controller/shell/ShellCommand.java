package jts.fleet.controller.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.ConnectionOptions;
import jts.fleet.controller.cli.DurationConverter;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.inventory.InventoryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jts-fleet shell}: an interactive prompt that stays connected to the fleet. Every CLI command works in
 * it without the {@code jts-fleet} prefix; see {@link Shell}.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Interactive prompt: every command without the jts-fleet prefix, connections kept between",
            "commands, Tab completion, history; plus use, hosts, diskstats, top, run-check, journal.",
            "Ctrl-C stops the running command, Ctrl-D or exit leaves."})
public final class ShellCommand implements Callable<Integer> {
    private final AppContext context;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Inventory file or ansible:PATH for the whole session (default: ./inventory.yaml, "
                    + "/etc/jts-fleet/inventory.yaml, embedded).")
    Path inventory;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "jts-fleet's policy for an Ansible inventory (--inventory ansible:PATH), for the whole session.")
    Path policy;

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "OpenSSH client config for the whole session instead of ~/.ssh/config and "
                    + "/etc/ssh/ssh_config, or 'none'; wins over the inventory's ssh_config.")
    String sshConfig;

    @Option(names = {"-H", "--hosts"}, paramLabel = "PATTERN",
            description = "Initial selection, as with `use` (default: all).")
    String hosts;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--keepalive", paramLabel = "DURATION", defaultValue = "15s",
            converter = DurationConverter.class,
            description = "Keepalive interval of the kept connections; 3 misses drop one (default: ${DEFAULT-VALUE}).")
    Duration keepAlive = Duration.ofSeconds(15);

    public ShellCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (context.sharedPool().isPresent()) {
            throw new UsageException("already in the shell");
        }
        Terminal terminal;
        try {
            // dumb(true): with stdin not a terminal (a here-document, a pipe) read lines plainly, without a warning
            terminal = TerminalBuilder.builder().name("jts-fleet").system(true).dumb(true).nativeSignals(true).build();
        } catch (IOException e) {
            throw new UsageException("cannot open the terminal: " + e.getMessage());
        }
        try (terminal) {
            return run(terminal, context.clock(), Optional.of(AppContext.userDirs().stateDir().resolve("history")));
        }
    }

    /** Runs a shell on {@code terminal}; tests pass a dumb terminal over byte streams. */
    int run(Terminal terminal, java.time.Clock clock, Optional<Path> historyFile) throws Exception {
        boolean realTerminal = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        AppContext shellContext = new AppContext(terminal.writer(), terminal.writer(), realTerminal, clock);
        // Every command of the session starts from these; its own options still win, the inventory's come after.
        shellContext.setSessionOverrides(connection.deadlines().overrides());
        SshOptions base = SshOptions.defaults().withKeepAliveInterval(keepAlive)
                .withAcceptNewHostKeys(connection.acceptNewHostKeys()).withClock(clock);
        SshOptions ssh = connection.deadlines().connectTimeout().map(base::withConnectTimeout).orElse(base);
        InventoryLoader loader = HostSelection.loader(Optional.ofNullable(policy), Optional.ofNullable(sshConfig));
        PassphrasePrompt passphrases = realTerminal ? new LineReaderPassphrasePrompt(terminal) : PassphrasePrompt.NONE;
        try (ShellSession session = new ShellSession(shellContext, loader, Optional.ofNullable(inventory),
                Optional.ofNullable(sshConfig), Optional.ofNullable(policy).map(p -> p.toAbsolutePath().toString()),
                ssh, passphrases)) {
            if (hosts != null) {
                session.use(hosts);
            }
            return new Shell(terminal, session, historyFile).run();
        }
    }
}
