package jts.fleet.controller.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jts.fleet.controller.transport.keys.KeyFingerprint;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.testing.Environment;

/**
 * Real OpenSSH servers on 127.0.0.1 for integration tests: one {@code /usr/sbin/sshd -D -e} per 16 ports
 * (sshd's limit of listen addresses), each port standing for one inventory host. Host keys (ed25519, RSA)
 * and client keys (ed25519, RSA) are generated into a private directory; a known_hosts file lists the
 * ed25519 host key for every port. Logins: root, and the unprivileged users the builder asks for with or
 * without passwordless sudo ({@link Builder#sudoUser()}, {@link Builder#noSudoUser()}), always made before sshd
 * starts. {@link #close()} stops every sshd with its session processes, removes the sudoers files it wrote and
 * deletes the directory.
 *
 * <p>{@link #builder()} makes other servers: on another address and fixed ports inside a network namespace
 * ({@code ip netns exec}), with a host certificate signed by a test CA ({@code HostCertificate}), or with extra
 * sshd_config lines ({@code TrustedUserCAKeys}, {@code AllowTcpForwarding no} ...).
 *
 * <p>Needs root (useradd, sudoers, sshd). Callers check {@code Environment.requireRoot()} and
 * {@code requireTool("sshd")} first.
 */
public final class SshdFixture implements AutoCloseable {
    /** Unprivileged login used with passwordless sudo. */
    public static final String SUDO_USER = "jtsit";
    /** Unprivileged login that may not sudo without a password. */
    public static final String NO_SUDO_USER = "jtsnopw";
    private static final int PORTS_PER_SSHD = 16;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final int MAX_LOG_LINES = 50_000;
    /** How long {@link #awaitLogLines} waits for a line sshd writes within milliseconds of the event. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    /** How long the matching lines must stay unchanged before {@link #awaitLogLines} takes them as final. */
    private static final Duration LOG_SETTLE = Duration.ofMillis(500);

    private final Path dir;
    private final Builder settings;
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final List<List<String>> logs = new ArrayList<>();
    private final List<Path> sudoersFiles = new ArrayList<>();
    /** Stops the servers if the test JVM exits without close() (killed fork, System.exit). */
    private final ExitCleanup exitCleanup = ExitCleanup.register("sshd-fixture-cleanup", this::close);

    private SshdFixture(Path dir, Builder settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** Starts sshd for {@code hostCount} hosts (ports), with MaxSessions 20. */
    public static SshdFixture start(int hostCount) throws IOException, InterruptedException {
        return builder().hosts(hostCount).start();
    }

    /** Same with another MaxSessions (OpenSSH's default is 10: channels per connection). */
    public static SshdFixture start(int hostCount, int maxSessions) throws IOException, InterruptedException {
        return builder().hosts(hostCount).maxSessions(maxSessions).start();
    }

    /**
     * Same with {@code extraConfig} appended to every sshd_config (e.g. {@code "ForceCommand yes\n"}: a host
     * whose every command prints without end). Keywords that take a Match block go last.
     */
    public static SshdFixture start(int hostCount, int maxSessions, String extraConfig)
            throws IOException, InterruptedException {
        return builder().hosts(hostCount).maxSessions(maxSessions).config(extraConfig.stripTrailing()).start();
    }

    /** Skips (or fails under CI) unless this machine can run the fixture: root, sshd, ssh-keygen. */
    public static void require() {
        Environment.requireRoot();
        Environment.require(Files.isExecutable(SSHD), SSHD + " (openssh-server)");
        Environment.requireTool("ssh-keygen");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A host certificate to sign the fixture's ed25519 host key with ({@code ssh-keygen -s CA -h}). */
    public record HostCertificate(Path caKey, List<String> principals, Optional<String> validity) {
        public HostCertificate {
            principals = List.copyOf(principals);
        }
    }

    /** How to start a fixture; {@link #start()} starts it. */
    public static final class Builder {
        private int hosts = 1;
        private int maxSessions = 20;
        private String address = "127.0.0.1";
        private List<Integer> fixedPorts = List.of();
        private Optional<String> namespace = Optional.empty();
        private Optional<HostCertificate> certificate = Optional.empty();
        private Optional<Path> overlayRoot = Optional.empty();
        private boolean sudoUser;
        private boolean noSudoUser;
        private final List<String> extraConfig = new ArrayList<>();

        private Builder() {
        }

        /** Hosts (ports) to serve. */
        public Builder hosts(int count) {
            this.hosts = count;
            return this;
        }

        public Builder maxSessions(int value) {
            this.maxSessions = value;
            return this;
        }

        /**
         * Listens on {@code listenAddress} at {@code ports} (one host each) inside network namespace {@code netns}
         * ({@code ip netns exec}), where free ports need not be searched for.
         */
        public Builder inNamespace(String netns, String listenAddress, List<Integer> ports) {
            this.namespace = Optional.of(netns);
            this.address = listenAddress;
            this.fixedPorts = List.copyOf(ports);
            this.hosts = ports.size();
            return this;
        }

        /**
         * Runs sshd in a private mount namespace of its own ({@link OverlayNamespace} over {@code overlayRoot}, a
         * directory under /tmp): what its logins install at /etc, /usr/local or /var/lib lands under
         * {@code overlayRoot/up}, mounts made before the start are there as copies, and
         * {@link #inMountNamespace} changes them for its logins alone. One sshd serves at most 16 hosts, so a test
         * that needs hosts with files of their own starts a fixture per host. Logins are added before sshd starts
         * ({@link #sudoUser()}): an account created later would not be seen in the namespace's /etc.
         */
        public Builder mountNamespace(Path overlayRoot) {
            this.overlayRoot = Optional.of(OverlayNamespace.requireUnderTmp(overlayRoot));
            return this;
        }

        /** Adds {@link #SUDO_USER}, a login with passwordless sudo, before sshd starts. */
        public Builder sudoUser() {
            this.sudoUser = true;
            return this;
        }

        /** Adds {@link #NO_SUDO_USER}, a login that may not sudo without a password, before sshd starts. */
        public Builder noSudoUser() {
            this.noSudoUser = true;
            return this;
        }

        /** Presents a host certificate for the ed25519 host key ({@code HostCertificate}). */
        public Builder hostCertificate(HostCertificate value) {
            this.certificate = Optional.of(value);
            return this;
        }

        /**
         * One more sshd_config line (or several), e.g. {@code TrustedUserCAKeys /path} or
         * {@code AllowTcpForwarding no}; written after the fixture's own, in the order given.
         */
        public Builder config(String line) {
            extraConfig.add(line);
            return this;
        }

        public SshdFixture start() throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory("jts-sshd-");
            SshdFixture fixture = new SshdFixture(dir, this);
            try {
                fixture.prepare();
                if (sudoUser) {
                    fixture.addUser(SUDO_USER, true);
                }
                if (noSudoUser) {
                    fixture.addUser(NO_SUDO_USER, false);
                }
                if (!fixedPorts.isEmpty()) {
                    for (int first = 0; first < fixedPorts.size(); first += PORTS_PER_SSHD) {
                        fixture.startServer(fixedPorts.subList(first, Math.min(fixedPorts.size(),
                                first + PORTS_PER_SSHD)));
                    }
                } else {
                    for (int first = 0; first < hosts; first += PORTS_PER_SSHD) {
                        fixture.startServer(Math.min(PORTS_PER_SSHD, hosts - first));
                    }
                }
                return fixture;
            } catch (IOException | InterruptedException | RuntimeException e) {
                fixture.close();
                throw e;
            }
        }
    }

    private void prepare() throws IOException, InterruptedException {
        // sshd reads AuthorizedKeysFile as the login user: every directory on the way must be traversable.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        generateKey(dir.resolve("ssh_host_ed25519_key"), "ed25519");
        generateKey(dir.resolve("ssh_host_rsa_key"), "rsa");
        generateKey(dir.resolve("id_ed25519"), "ed25519");
        generateKey(dir.resolve("id_rsa"), "rsa");
        if (settings.certificate.isPresent()) {
            HostCertificate spec = settings.certificate.get();
            SshKeygen.certify(spec.caKey(), dir.resolve("ssh_host_ed25519_key.pub"), "jts-it-host", true,
                    spec.principals(), spec.validity());
        }
        authorize("root");
    }

    /** {@code ssh-keygen -t type} without passphrase; returns the private key path ({@code .pub} beside it). */
    public static Path generateKey(Path privateKey, String type) throws IOException, InterruptedException {
        return SshKeygen.generate(privateKey, type, "");
    }

    private synchronized void startServer(int portCount) throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            lastFailure = tryServer(new ArrayList<>(FreePort.find(portCount)));
            if (lastFailure == null) {
                return;
            }
        }
        throw lastFailure;
    }

    /** On fixed ports (inside a network namespace nothing else listens there). */
    private synchronized void startServer(List<Integer> fixed) throws IOException, InterruptedException {
        IOException failure = tryServer(fixed);
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts one sshd on {@code candidate}; null when it listens, else why not. */
    private IOException tryServer(List<Integer> candidate) throws IOException, InterruptedException {
        int portCount = candidate.size();
        int index = sequence.incrementAndGet();
        Path config = dir.resolve("sshd_config-" + index);
        Files.writeString(config, config(candidate, index));
        List<String> command = new ArrayList<>();
        settings.namespace.ifPresent(netns -> command.addAll(List.of("ip", "netns", "exec", netns)));
        command.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()));
        List<String> argv = settings.overlayRoot.isEmpty() ? command
                : OverlayNamespace.command(settings.overlayRoot.get().resolve("sshd-" + index), command);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        AtomicInteger listening = new AtomicInteger();
        Thread reader = new Thread(() -> drain(process, log, listening), "sshd-log-" + index);
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (listening.get() < portCount && process.isAlive() && System.nanoTime() < deadline
                && !logContains(log, "Address already in use")) {
            Thread.sleep(20);
        }
        if (listening.get() == portCount) {
            servers.add(process);
            logs.add(log);
            ports.addAll(candidate);
            return null;
        }
        stop(process);
        return new IOException("sshd (" + config + ") did not listen on " + candidate
                + " within " + START_TIMEOUT.toSeconds() + " s; its log:\n" + String.join("\n", snapshot(log)));
    }

    private String config(List<Integer> listenPorts, int index) {
        StringBuilder text = new StringBuilder();
        for (int port : listenPorts) {
            text.append("ListenAddress ").append(settings.address).append(':').append(port).append('\n');
        }
        text.append("HostKey ").append(dir.resolve("ssh_host_ed25519_key")).append('\n')
                .append("HostKey ").append(dir.resolve("ssh_host_rsa_key")).append('\n')
                .append("PidFile ").append(dir.resolve("sshd-" + index + ".pid")).append('\n')
                .append("AuthorizedKeysFile ").append(dir.resolve("authorized_keys")).append("/%u\n")
                .append("MaxSessions ").append(settings.maxSessions).append('\n');
        if (settings.certificate.isPresent()) {
            text.append("HostCertificate ").append(dir.resolve("ssh_host_ed25519_key-cert.pub")).append('\n');
        }
        text.append("""
                StrictModes no
                UsePAM no
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                MaxStartups 100:30:200
                LogLevel INFO
                Subsystem sftp internal-sftp
                """);
        // last: a Match block in them applies to the end of the file
        for (String line : settings.extraConfig) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static void drain(Process process, List<String> log, AtomicInteger listening) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("Server listening on")) {
                    listening.incrementAndGet();
                }
                synchronized (log) {
                    // Keep the start and the recent end, bounded for long runs (benchmarks); far above what a test
                    // class logs even at VERBOSE, as tests count lines (logins) before and after a step
                    if (log.size() > MAX_LOG_LINES) {
                        log.remove(200);
                    }
                    log.add(line);
                }
            }
        } catch (IOException e) {
            // sshd exited; the log so far stays for diagnostics.
        }
    }

    private static boolean logContains(List<String> log, String text) {
        return snapshot(log).stream().anyMatch(line -> line.contains(text));
    }

    private static List<String> snapshot(List<String> log) {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * Lets {@code user} log in with both client keys. Creates the user (key-only, shell /bin/sh) if absent. Only
     * before sshd starts ({@link Builder#start()}): an account made while a server runs is seen by it only when the
     * machine's user database shows it at once, which a caching NSS (nscd, sssd) or a mount namespace's copy of
     * /etc need not, so a test's first login could race the account.
     */
    private synchronized void addUser(String user, boolean passwordlessSudo) throws IOException, InterruptedException {
        // Other test JVMs may create the same user at the same moment, and useradd/usermod fail while another
        // holds the /etc/passwd lock: retry, and accept "already exists" when the user is there afterwards.
        retry(() -> {
            if (Command.status(List.of("id", "-u", user)) != 0) {
                Command.run(List.of("useradd", "-m", "-s", "/bin/sh", user));
            }
        }, () -> Command.status(List.of("id", "-u", user)) == 0);
        // A new account is locked ("!"); sshd without PAM refuses locked accounts even for keys.
        retry(() -> Command.run(List.of("usermod", "-p", "*", user)), () -> false);
        authorize(user);
        if (passwordlessSudo && !sudoersFiles.contains(sudoersFile(user))) {
            // No dot in the name: sudo ignores files in sudoers.d whose names contain one.
            Path file = sudoersFile(user);
            Files.writeString(file, user + " ALL=(ALL) NOPASSWD: ALL\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
            sudoersFiles.add(file);
            Command.run(List.of("visudo", "-c", "-q", "-f", file.toString()));
        }
    }

    /** An account-database step that may lose a lock race. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    /** Check that tells whether a failed step's goal was reached anyway. */
    @FunctionalInterface
    private interface Done {
        boolean reached() throws IOException, InterruptedException;
    }

    private static void retry(Step step, Done done) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                step.run();
                return;
            } catch (IOException e) {
                last = e;
                if (done.reached()) {
                    return;
                }
                Thread.sleep(100L + 50L * attempt);
            }
        }
        throw last;
    }

    /** The directory name is unique across JVMs (a temp directory) and has no dot. */
    private Path sudoersFile(String user) {
        return Path.of("/etc/sudoers.d", "jts-fleet-it-" + user + "-" + dir.getFileName());
    }

    private void authorize(String user) throws IOException {
        String keys = Files.readString(dir.resolve("id_ed25519.pub")) + Files.readString(dir.resolve("id_rsa.pub"));
        Path file = dir.resolve("authorized_keys").resolve(user);
        Files.writeString(file, keys);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Also lets {@code user} log in with {@code publicKey} (a {@code .pub} file); the user must exist. */
    public synchronized void authorizeKey(String user, Path publicKey) throws IOException {
        Path file = dir.resolve("authorized_keys").resolve(user);
        Files.writeString(file, Files.readString(publicKey), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Runs {@code command} in the mount namespace of the fixture's sshd ({@link Builder#mountNamespace}; its first
     * sshd's) and returns its output: mounts changed there are what this fixture's logins see.
     *
     * @throws IOException when it fails, with its output
     */
    public synchronized String inMountNamespace(String... command) throws IOException, InterruptedException {
        if (settings.overlayRoot.isEmpty() || servers.isEmpty()) {
            throw new IllegalStateException("this fixture's sshd runs in no mount namespace of its own");
        }
        List<String> argv = new ArrayList<>(List.of("nsenter", "--mount", "--target",
                Long.toString(servers.get(0).pid())));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }

    /**
     * Where {@code absolutePath} (under /etc, /usr/local or /var/lib), written by a login of the fixture's (first)
     * sshd in its mount namespace ({@link Builder#mountNamespace}), lands on this machine.
     */
    public Path writtenAt(String absolutePath) {
        return OverlayNamespace.upper(settings.overlayRoot.orElseThrow(() -> new IllegalStateException(
                "this fixture's sshd runs in no mount namespace of its own")).resolve("sshd-1"), absolutePath);
    }

    /** Lines of the sshd logs containing {@code text} (e.g. {@code "Accepted publickey"}), for counting logins. */
    public List<String> logLines(String text) {
        return log().stream().filter(line -> line.contains(text)).toList();
    }

    /**
     * {@link #logLines} once there are at least {@code count} of them and no more came for 0.5 s, or what there is
     * after 10 s. sshd's privileged monitor logs a login after it let the session go on, and the log is read on
     * another thread, so a client can be logged in (and done) before its line is here: a test that expects N lines
     * after a step waits for N, and the settling time lets a line too many arrive, so asserting exactly N still
     * catches it.
     */
    public List<String> awaitLogLines(String text, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<String> lines = logLines(text);
        long changed = System.nanoTime();
        while (System.nanoTime() < deadline
                && (lines.size() < count || System.nanoTime() - changed < LOG_SETTLE.toNanos())) {
            Thread.sleep(20);
            List<String> now = logLines(text);
            if (now.size() != lines.size()) {
                changed = System.nanoTime();
            }
            lines = now;
        }
        return lines;
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public Path directory() {
        return dir;
    }

    public Path ed25519Identity() {
        return dir.resolve("id_ed25519");
    }

    public Path rsaIdentity() {
        return dir.resolve("id_rsa");
    }

    /** The host's ed25519 public key as {@code ssh-ed25519 AAAA...}. */
    public String hostPublicKey() {
        String[] fields = read(dir.resolve("ssh_host_ed25519_key.pub")).trim().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    /** SHA256 fingerprint of the ed25519 host key, as ssh-keygen -l prints it. */
    public String hostKeyFingerprint() {
        String blob = hostPublicKey().split(" ")[1];
        return KeyFingerprint.sha256(Base64.getDecoder().decode(blob));
    }

    /** known_hosts line for one port: {@code [127.0.0.1]:port ssh-ed25519 AAAA...}. */
    public String knownHostsLine(int port) {
        return lookupName(port) + " " + hostPublicKey();
    }

    /** What known_hosts lines name the host on {@code port} by: {@code [address]:port}, or the address on 22. */
    public String lookupName(int port) {
        return port == 22 ? settings.address : "[" + settings.address + "]:" + port;
    }

    /** The address the servers listen on. */
    public String address() {
        return settings.address;
    }

    /** The ed25519 host key's certificate, when the fixture was built with one. */
    public Path hostCertificate() {
        return dir.resolve("ssh_host_ed25519_key-cert.pub");
    }

    /** Writes (or rewrites) a known_hosts file listing the host key for every port; returns its path. */
    public Path writeKnownHosts() throws IOException {
        Path file = dir.resolve("known_hosts");
        StringBuilder text = new StringBuilder();
        for (int port : ports) {
            text.append(knownHostsLine(port)).append('\n');
        }
        Files.writeString(file, text);
        return file;
    }

    /** A host spec for port {@code index}, named {@code h01}, {@code h02}, ... */
    public HostSpec host(int index, String user, Path identity, Path knownHosts, boolean sudo) {
        return new HostSpec(hostName(index), HostSpec.Connection.SSH, settings.address, ports.get(index), user,
                Optional.of(identity), Optional.of(knownHosts),
                sudo ? HostSpec.Become.SUDO : HostSpec.Become.NONE, List.of("it"), Optional.empty(), emptyPolicy());
    }

    public static String hostName(int index) {
        return String.format("h%02d", index + 1);
    }

    /** A policy without tiers, for tests that only exercise transports. */
    public static Policy emptyPolicy() {
        return new Policy(List.of(), new Maintenance(List.of(), "Sat *-*-* 03:00:00", 60), java.util.Map.of());
    }

    /** One inventory host entry for {@link #writeInventory}. */
    public record InventoryHost(String name, int port, String user, Path identity, boolean sudo,
            Optional<Path> sysroot, List<String> groups) {
        public InventoryHost {
            groups = List.copyOf(groups);
        }
    }

    /** Entries for every port, named h01..., logging in as {@code user} with the ed25519 key. */
    public List<InventoryHost> inventoryHosts(String user, boolean sudo) {
        List<InventoryHost> hosts = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            hosts.add(new InventoryHost(hostName(i), ports.get(i), user, ed25519Identity(), sudo, Optional.empty(),
                    List.of("it")));
        }
        return hosts;
    }

    /**
     * The inventory entry ({@code hosts:} item, YAML lines indented by two) of a host named {@code name} on the first
     * port, logging in as {@link #SUDO_USER} with the ed25519 key, become sudo, checked against this fixture's
     * known_hosts (written now).
     */
    public String sudoHostEntry(String name) throws IOException {
        return "  " + name + ":\n"
                + "    address: " + settings.address + "\n"
                + "    port: " + ports.get(0) + "\n"
                + "    user: " + SUDO_USER + "\n"
                + "    become: sudo\n"
                + "    identity_file: " + yamlString(ed25519Identity().toString()) + "\n"
                + "    known_hosts: " + yamlString(writeKnownHosts().toString()) + "\n";
    }

    /** Writes an inventory file (the format of {@code inventory.yaml}) for {@code hosts}. */
    public Path writeInventory(Path file, List<InventoryHost> hosts, Path knownHosts) throws IOException {
        StringBuilder yaml = new StringBuilder("# written by SshdFixture\nhosts:\n");
        for (InventoryHost host : hosts) {
            yaml.append("  ").append(host.name()).append(":\n")
                    .append("    address: ").append(settings.address).append('\n')
                    .append("    port: ").append(host.port()).append('\n')
                    .append("    user: ").append(host.user()).append('\n')
                    .append("    identity_file: ").append(yamlString(host.identity().toString())).append('\n')
                    .append("    known_hosts: ").append(yamlString(knownHosts.toString())).append('\n')
                    .append("    become: ").append(host.sudo() ? "sudo" : "none").append('\n');
            if (host.sysroot().isPresent()) {
                yaml.append("    sysroot: ").append(yamlString(host.sysroot().get().toString())).append('\n');
            }
            yaml.append("    groups: [").append(String.join(", ", host.groups())).append("]\n");
        }
        Files.writeString(file, yaml);
        return file;
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Kills every session process (not the listeners): clients see their connection drop. */
    public synchronized void killSessions() throws InterruptedException {
        for (Process server : servers) {
            List<ProcessHandle> sessions = server.toHandle().descendants().toList();
            sessions.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle session : sessions) {
                session.onExit().completeOnTimeout(session, 5, TimeUnit.SECONDS).join();
            }
        }
    }

    /**
     * Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to every session process: a stopped session
     * stands for a peer that vanished without closing the connection.
     */
    public synchronized void signalSessions(String signal) throws IOException, InterruptedException {
        for (Process server : servers) {
            for (ProcessHandle session : server.toHandle().descendants().toList()) {
                Command.status(List.of("kill", "-" + signal, Long.toString(session.pid())));
            }
        }
    }

    /** sshd's log lines so far (all servers), for assertion messages. */
    public synchronized List<String> log() {
        List<String> all = new ArrayList<>();
        logs.forEach(log -> all.addAll(snapshot(log)));
        return all;
    }

    @Override
    public synchronized void close() {
        exitCleanup.unregister();
        for (Process server : servers) {
            stop(server);
        }
        servers.clear();
        for (Path file : sudoersFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file, e);
            }
        }
        sudoersFiles.clear();
        Command.deleteTree(dir);
    }

    private static void stop(Process server) {
        List<ProcessHandle> sessions = server.toHandle().descendants().toList();
        server.destroy();
        sessions.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
