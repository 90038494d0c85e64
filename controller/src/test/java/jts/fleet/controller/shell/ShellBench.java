package jts.fleet.controller.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.Main;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.RemoteCommand;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshRun;
import jts.fleet.controller.transport.auth.PassphrasePrompt;
import jts.fleet.controller.transport.Transports;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.remote.model.GatherScript;

/**
 * Fleet-wide {@code status} over N loopback hosts (real sshd): the shell after its first command (connections
 * kept), a cold CLI run (new JVM, new connections), the same CLI command in a warm JVM but with new
 * connections, and OpenSSH ControlMaster-multiplexed {@code ssh} running the identical gather command line on
 * every host in parallel, all logging in as an unprivileged user with /bin/sh. Prints min/median/max of each.
 * Needs root (it starts sshd and creates the user).
 *
 * <p>Run: {@code scripts/bench/shell-vs-controlmaster.sh [runs] [hosts]}.
 */
public final class ShellBench {
    private static final String USER = SshdFixture.NO_SUDO_USER;

    private ShellBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("jts-shell-bench-");
        // An unprivileged login with /bin/sh, as on the fleet (become: sudo only where needed; status needs
        // none). Not root: this machine's root ~/.bashrc runs `pyenv init` (~145 ms of CPU), and bash reads
        // it for every command sshd starts, which would swamp what is measured here for both contenders.
        try (SshdFixture sshd = SshdFixture.builder().hosts(hostCount).noSudoUser().start()) {
            Path knownHosts = sshd.writeKnownHosts();
            Path inventory = sshd.writeInventory(dir.resolve("inventory.yaml"), sshd.inventoryHosts(USER, false),
                    knownHosts);
            System.out.printf(Locale.ROOT, "%d hosts on 127.0.0.1 (%d sshd), %d runs each, after one warm-up run%n",
                    hostCount, (hostCount + 15) / 16, runs);
            double[] shellNoop = shellRuns(inventory, runs, List.of("hosts"));
            // the same command line the transport sends for the probe: timeout + sh -c true
            String noopLine = new RemoteCommand("true", List.of(), Duration.ofSeconds(10), false).shellLine();
            double[] controlMasterNoop = controlMasterRuns(sshd, knownHosts, dir, runs, noopLine);
            double[] shell = shellRuns(inventory, runs, List.of("status"));
            double[] cliWarmJvm = inProcessCliRuns(inventory, runs);
            double[] cliCold = coldCliRuns(inventory, runs);
            String gatherLine = new RemoteCommand(GatherScript.text(), List.of(), Duration.ofSeconds(120), false)
                    .shellLine();
            double[] controlMaster = controlMasterRuns(sshd, knownHosts, dir, runs, gatherLine);
            report("shell: hosts (no-op exec per host), kept", shellNoop);
            report("ssh ControlMaster: same no-op, all in parallel", controlMasterNoop);
            System.out.printf(Locale.ROOT, "no-op: shell / ControlMaster (medians) = %.2f%n",
                    median(shellNoop) / median(controlMasterNoop));
            report("shell: status, connections kept", shell);
            report("CLI in a warm JVM: status, new connections", cliWarmJvm);
            report("cold CLI: new JVM + new connections", cliCold);
            report("ssh ControlMaster: same gather, all in parallel", controlMaster);
            System.out.printf(Locale.ROOT, "status: shell / ControlMaster (medians) = %.2f (goal <= 0.50)%n",
                    median(shell) / median(controlMaster));
        } finally {
            deleteTree(dir);
        }
    }

    /** A shell over a dumb terminal whose output is discarded: the first status connects, the rest reuse. */
    private static double[] shellRuns(Path inventory, int runs, List<String> line) throws Exception {
        try (Terminal terminal = new DumbTerminal("bench", Terminal.TYPE_DUMB, java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            AppContext context = new AppContext(terminal.writer(), terminal.writer(), false, Clock.systemUTC());
            try (ShellSession session = new ShellSession(context, InventoryLoader.standard(), Optional.of(inventory),
                    SshOptions.defaults(), PassphrasePrompt.NONE, Transports::open)) {
                Shell shell = new Shell(terminal, session, Optional.empty());
                check(shell.execute(line), "shell warm-up");
                double[] millis = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long started = System.nanoTime();
                    check(shell.execute(line), "shell run");
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
                return millis;
            }
        }
    }

    private static double[] inProcessCliRuns(Path inventory, int runs) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        check(Main.run(sink, sink, "status", "--inventory", inventory.toString()), "CLI warm-up");
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            check(Main.run(sink, sink, "status", "--inventory", inventory.toString()), "CLI run");
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    private static double[] coldCliRuns(Path inventory, int runs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "status", "--inventory", inventory.toString());
        runAll(List.of(command), "cold CLI warm-up");
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            runAll(List.of(command), "cold CLI");
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    /** ssh with a persistent master per host, all hosts at once, running exactly the transport's gather line. */
    private static double[] controlMasterRuns(SshdFixture sshd, Path knownHosts, Path dir, int runs,
            String remoteLine) throws IOException, InterruptedException {
        List<List<String>> commands = new ArrayList<>();
        for (int port : sshd.ports()) {
            commands.add(List.of("ssh", "-o", "ControlMaster=auto", "-o", "ControlPath=" + dir.resolve("cm-%C"),
                    "-o", "ControlPersist=60", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes", "-i", sshd.ed25519Identity().toString(),
                    "-p", Integer.toString(port), USER + "@127.0.0.1", remoteLine));
        }
        try {
            runAll(commands, "ControlMaster warm-up (starts the masters)");
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                runAll(commands, "ControlMaster run");
                millis[i] = (System.nanoTime() - started) / 1e6;
            }
            return millis;
        } finally {
            for (int port : sshd.ports()) {
                Process stop = new ProcessBuilder("ssh", "-o", "ControlPath=" + dir.resolve("cm-%C"), "-p",
                        Integer.toString(port), "-O", "exit", USER + "@127.0.0.1")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                stop.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Starts every command at once and waits for all; output is kept in temporary files and shown only when a
     * command fails, which stops the benchmark.
     */
    private static void runAll(List<List<String>> commands, String what) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                Path output = Files.createTempFile("jts-shell-bench-", ".out");
                outputs.add(output);
                processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(what + ": a process did not finish within 120 s");
                }
                if (p.exitValue() != 0) {
                    String text = Files.readString(outputs.get(i));
                    throw new IllegalStateException(what + ": exit " + p.exitValue() + ", output:\n"
                            + text.substring(Math.max(0, text.length() - 4000)));
                }
            }
        } finally {
            for (Path output : outputs) {
                Files.deleteIfExists(output);
            }
        }
    }

    private static void check(int code, String what) {
        if (code != ExitCodes.OK) {
            throw new IllegalStateException(what + " exited " + code);
        }
    }

    private static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s min %7.1f ms  median %7.1f ms  max %7.1f ms%n", what, sorted[0],
                median(millis), sorted[sorted.length - 1]);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
