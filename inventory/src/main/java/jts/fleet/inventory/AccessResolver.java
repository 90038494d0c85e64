package jts.fleet.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.HostRequest.Given;
import jts.fleet.inventory.sshconfig.JumpSpec;
import jts.fleet.inventory.sshconfig.SshConfig;
import jts.fleet.inventory.sshconfig.SshConfigResult;
import jts.fleet.inventory.sshconfig.SshConfigValue;
import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.sshconfig.SshKeywords.Keyword;
import jts.fleet.inventory.sshconfig.SshTime;
import jts.fleet.inventory.sshconfig.SshTokens;
import jts.fleet.inventory.source.InventoryException;

/**
 * Decides every connection setting of every host, with its origin: the inventory's value (host, then group vars,
 * then {@code defaults}, as the loader collected them) wins over ssh_config, ssh_config over jts-fleet's defaults.
 * ssh_config is consulted for the host's name as {@code ssh -o HostName=ADDRESS -o User=USER NAME} would consult it
 * (so {@code Match host} sees the inventory's address); {@code proxy_jump} hops are resolved against the other
 * inventory hosts first, then through ssh_config like {@code ssh -J} does (the first hop's own {@code ProxyJump}
 * is followed, loops are errors). One instance per load.
 */
final class AccessResolver {
    static final String ADDRESS = "address";
    static final String USER = "user";
    static final String PORT = "port";
    static final String IDENTITY_FILE = "identity_file";
    static final String KNOWN_HOSTS = "known_hosts";
    static final String BECOME = "become";
    static final String CONNECTION = "connection";
    static final String SYSROOT = "sysroot";
    static final String PROXY_JUMP = "proxy_jump";
    static final String IDENTITY_AGENT = "identity_agent";
    static final String IDENTITIES_ONLY = "identities_only";
    static final String CERTIFICATE_FILE = "certificate_file";
    static final String SSH_CONFIG = "ssh_config";
    static final String STRICT_HOST_KEY_CHECKING = "strict_host_key_checking";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String KEEPALIVE_INTERVAL = "keepalive_interval";
    /** Not a key of the inventory: the explanation's row of the known_hosts files only read. */
    static final String GLOBAL_KNOWN_HOSTS_ROW = "global_known_hosts";

    /** Every connection key, in the order explanations list them. */
    static final List<String> KEYS = List.of(CONNECTION, ADDRESS, PORT, USER, BECOME, SSH_CONFIG, IDENTITY_FILE,
            IDENTITY_AGENT, IDENTITIES_ONLY, CERTIFICATE_FILE, PROXY_JUMP, KNOWN_HOSTS, STRICT_HOST_KEY_CHECKING,
            CONNECT_TIMEOUT, KEEPALIVE_INTERVAL, SYSROOT);

    /** OpenSSH's GlobalKnownHostsFile default. */
    static final List<Path> GLOBAL_KNOWN_HOSTS = List.of(Path.of("/etc/ssh/ssh_known_hosts"),
            Path.of("/etc/ssh/ssh_known_hosts2"));

    /** The effective settings of one host. */
    record Resolved(HostSpec.Connection connection, String address, int port, String user, Optional<Path> knownHosts,
                    HostSpec.Become become, SshAccess access, AccessExplanation explanation) {
    }

    /** A host's own settings before its jump chain is resolved (the chain may name other hosts). */
    private record Partial(HostRequest request, HostSpec.Connection connection, String address, int port,
                           String user, List<Path> identityFiles, SshAccess access, Optional<Path> knownHosts,
                           HostSpec.Become become, SshConfig config, List<JumpSpec> jumps, Optional<Origin> jumpOrigin,
                           List<ExplainedSetting> settings, List<String> notes) {
    }

    private final SshConfigOptions options;
    private final Path home;
    private final String localUser;
    private final Map<String, SshConfig> configs = new HashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    AccessResolver(SshConfigOptions options, Path home, String localUser) {
        this.options = options;
        this.home = home;
        this.localUser = localUser;
    }

    /** Every file the results depend on (ssh_config files and the directories their Include globs listed). */
    Set<Path> inputs() {
        Set<Path> files = new LinkedHashSet<>();
        for (SshConfig config : configs.values()) {
            files.addAll(config.consulted());
        }
        return files;
    }

    Map<String, Resolved> resolve(List<HostRequest> requests) throws InventoryException {
        Map<String, Partial> partials = new LinkedHashMap<>();
        for (HostRequest r : requests) {
            try {
                partials.put(r.name(), own(r));
            } catch (InventoryException e) {
                problems.addAll(e.problems());
            }
        }
        Map<String, Resolved> out = new LinkedHashMap<>();
        for (Partial p : partials.values()) {
            try {
                out.put(p.request().name(), finish(p, partials));
            } catch (InventoryException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(List.copyOf(problems));
        }
        return out;
    }

    private SshConfig config(HostRequest r, List<ExplainedSetting> settings) {
        String choice;
        Origin origin;
        if (options.override().isPresent()) {
            choice = options.override().get();
            origin = Origin.commandLine("--ssh-config");
        } else if (r.get(SSH_CONFIG).isPresent()) {
            choice = r.get(SSH_CONFIG).get().value();
            origin = r.get(SSH_CONFIG).get().origin();
        } else {
            choice = "";
            origin = Origin.byDefault("what ssh reads (~/.ssh/config, /etc/ssh/ssh_config)");
        }
        SshConfig config = configs.computeIfAbsent(choice, c -> {
            if (c.isEmpty()) {
                return options.standardConfig();
            }
            if (c.equals(SshConfigOptions.NONE)) {
                return SshConfig.none(options.environment());
            }
            return SshConfig.file(options.environment(), expand(c));
        });
        settings.add(new ExplainedSetting(SSH_CONFIG, config.description(), origin));
        return config;
    }

    private Partial own(HostRequest r) throws InventoryException {
        List<ExplainedSetting> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        SshEnvironment env = options.environment();

        // up to the local host's return: isPresent rather than Optional.map and lambdas, the path of the embedded
        // inventory, which every one-shot local run loads (see InventoryBuilder)
        Optional<Given> connectionGiven = r.get(CONNECTION);
        HostSpec.Connection connection = connectionGiven.isPresent()
                ? HostSpec.Connection.valueOf(connectionGiven.get().value().toUpperCase(Locale.ROOT))
                : HostSpec.Connection.SSH;
        settings.add(explained(CONNECTION, connection.name().toLowerCase(Locale.ROOT), connectionGiven, "ssh"));
        Optional<Given> becomeGiven = r.get(BECOME);
        HostSpec.Become become = becomeGiven.isPresent()
                ? HostSpec.Become.valueOf(becomeGiven.get().value().toUpperCase(Locale.ROOT)) : HostSpec.Become.NONE;

        if (connection == HostSpec.Connection.LOCAL) {
            Optional<Given> addressGiven = r.get(ADDRESS);
            String address = addressGiven.isPresent() ? addressGiven.get().value() : "localhost";
            settings.add(explained(ADDRESS, address, addressGiven, "localhost (connection: local)"));
            settings.add(explained(BECOME, become.name().toLowerCase(Locale.ROOT), becomeGiven, "none"));
            Optional<Given> userGiven = r.get(USER);
            Optional<Given> knownHostsGiven = r.get(KNOWN_HOSTS);
            return new Partial(r, connection, address, InventorySchema.DEFAULT_PORT,
                    userGiven.isPresent() ? userGiven.get().value() : localUser, List.of(), SshAccess.DEFAULT,
                    knownHostsGiven.isPresent() ? Optional.of(expand(knownHostsGiven.get().value())) : Optional.empty(),
                    become, SshConfig.none(env), List.of(), Optional.empty(), settings, notes);
        }

        SshConfig config = config(r, settings);
        Optional<Given> addressGiven = r.get(ADDRESS);
        Optional<Given> userGiven = r.get(USER);
        SshConfigResult c = config.resolve(r.lookupName(),
                r.addressIsHostName() ? addressGiven.map(Given::value) : Optional.empty(),
                userGiven.map(Given::value));
        notes.addAll(r.notes());
        notes.addAll(c.notes());

        // address: the inventory's, else HostName (with %h), else the name itself
        String address;
        Origin addressOrigin;
        Optional<SshConfigValue> hostName = c.value(Keyword.HOSTNAME);
        if (addressGiven.isPresent()) {
            // lower-cased like ssh does with a HostName (known_hosts entries are written that way)
            address = lowerUnlessAddress(addressGiven.get().value());
            addressOrigin = addressGiven.get().origin();
        } else if (hostName.isPresent()) {
            address = c.hostName();
            addressOrigin = Origin.sshConfig(hostName.get());
        } else {
            address = lowerUnlessAddress(r.lookupName());
            addressOrigin = r.lookupOrigin();
        }
        settings.add(new ExplainedSetting(ADDRESS, address, addressOrigin));

        int port = pick(r.get(PORT), c.value(Keyword.PORT), settings, PORT, Origin.byDefault("22"),
                Integer::parseInt, InventorySchema.DEFAULT_PORT);
        String user = pick(userGiven, c.value(Keyword.USER), settings, USER, Origin.byDefault("the local user name"),
                s -> s, localUser);
        settings.add(explained(BECOME, become.name().toLowerCase(Locale.ROOT), becomeGiven, "none"));

        Optional<String> keyAlias = c.value(Keyword.HOST_KEY_ALIAS).map(SshConfigValue::first);
        SshTokens t = SshTokens.connection(env, r.lookupName(), address, port, user, keyAlias);

        // identity files and certificates: the inventory's list replaces the config's
        List<Path> identityFiles = pathList(r.get(IDENTITY_FILE), c.identityFiles(), t, settings, IDENTITY_FILE,
                "OpenSSH's (the agent's keys, then ~/.ssh/id_rsa, id_ecdsa, id_ed25519, ...)");
        List<Path> certificateFiles = pathList(r.get(CERTIFICATE_FILE), c.certificateFiles(), t, settings,
                CERTIFICATE_FILE, "none besides KEY-cert.pub next to each identity file");

        Optional<String> agent = agent(r.get(IDENTITY_AGENT), c.value(Keyword.IDENTITY_AGENT), t, settings, notes);
        boolean identitiesOnly = pick(r.get(IDENTITIES_ONLY), c.value(Keyword.IDENTITIES_ONLY), settings,
                IDENTITIES_ONLY, Origin.byDefault("no"), s -> s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes"),
                false);

        // known_hosts: the first file is written by accept-new; the others (and the global files) are only read
        Optional<Path> knownHosts;
        List<Path> otherKnownHosts = new ArrayList<>();
        Optional<SshConfigValue> userKnown = c.value(Keyword.USER_KNOWN_HOSTS_FILE);
        if (r.get(KNOWN_HOSTS).isPresent()) {
            knownHosts = Optional.of(expand(r.get(KNOWN_HOSTS).get().value()));
            settings.add(new ExplainedSetting(KNOWN_HOSTS, knownHosts.get().toString(),
                    r.get(KNOWN_HOSTS).get().origin()));
        } else if (userKnown.isPresent()) {
            List<Path> files = new ArrayList<>();
            for (String f : userKnown.get().args()) {
                if (!f.equalsIgnoreCase("none")) {
                    files.add(configPath(t, f, userKnown.get()));
                }
            }
            if (files.isEmpty()) {
                files.add(Path.of("/dev/null"));
                notes.add(userKnown.get().where() + ": " + userKnown.get().spelled() + " none: no user known_hosts "
                        + "file (jts-fleet reads /dev/null; only the global files can vouch for host keys)");
            }
            knownHosts = Optional.of(files.get(0));
            otherKnownHosts.addAll(files.subList(1, files.size()));
            settings.add(new ExplainedSetting(KNOWN_HOSTS, join(files), Origin.sshConfig(userKnown.get())));
        } else {
            knownHosts = Optional.of(expand(InventorySchema.DEFAULT_KNOWN_HOSTS));
            settings.add(new ExplainedSetting(KNOWN_HOSTS, knownHosts.get().toString(),
                    Origin.byDefault(InventorySchema.DEFAULT_KNOWN_HOSTS)));
        }
        Optional<SshConfigValue> globalKnown = c.value(Keyword.GLOBAL_KNOWN_HOSTS_FILE);
        if (globalKnown.isPresent()) {
            List<Path> global = new ArrayList<>();
            for (String f : globalKnown.get().args()) {
                if (!f.equalsIgnoreCase("none")) {
                    global.add(tildeOnly(t, f, globalKnown.get())); // ssh expands only ~ here
                }
            }
            otherKnownHosts.addAll(global);
            settings.add(new ExplainedSetting(GLOBAL_KNOWN_HOSTS_ROW, global.isEmpty() ? "-" : join(global),
                    Origin.sshConfig(globalKnown.get())));
        } else {
            otherKnownHosts.addAll(GLOBAL_KNOWN_HOSTS);
            settings.add(new ExplainedSetting(GLOBAL_KNOWN_HOSTS_ROW, join(GLOBAL_KNOWN_HOSTS),
                    Origin.byDefault("OpenSSH's " + Keyword.GLOBAL_KNOWN_HOSTS_FILE.spelled())));
        }

        Optional<String> strict = strict(r.get(STRICT_HOST_KEY_CHECKING), c.value(Keyword.STRICT_HOST_KEY_CHECKING),
                settings, notes);
        Optional<Duration> connectTimeout = duration(r.get(CONNECT_TIMEOUT), c.value(Keyword.CONNECT_TIMEOUT),
                settings, CONNECT_TIMEOUT, "--connect-timeout, else defaults.connect_timeout (" 
                        + InventorySchema.DEFAULT_CONNECT_TIMEOUT + ")", notes);
        Optional<Duration> keepAlive = duration(r.get(KEEPALIVE_INTERVAL), c.value(Keyword.SERVER_ALIVE_INTERVAL),
                settings, KEEPALIVE_INTERVAL, "jts-fleet's (15s; the shell's --keepalive)", notes);

        // jumps: the inventory's proxy_jump, else ProxyJump (ProxyCommand cannot be followed)
        List<JumpSpec> jumps = List.of();
        Optional<Origin> jumpOrigin = Optional.empty();
        Optional<SshConfigValue> proxyJump = c.value(Keyword.PROXY_JUMP);
        Optional<SshConfigValue> proxyCommand = c.value(Keyword.PROXY_COMMAND);
        if (r.get(PROXY_JUMP).isPresent()) {
            Given g = r.get(PROXY_JUMP).get();
            jumps = parseJumps(g.value(), g.origin().describe());
            jumpOrigin = Optional.of(g.origin());
        } else if (proxyJump.isPresent()) {
            jumps = parseJumps(proxyJump.get().rest(), proxyJump.get().where());
            jumpOrigin = Optional.of(Origin.sshConfig(proxyJump.get()));
        } else if (proxyCommand.isPresent() && !JumpSpec.strip(proxyCommand.get().rest()).equalsIgnoreCase("none")) {
            throw new InventoryException(proxyCommand.get().where() + ": " + Keyword.PROXY_COMMAND.spelled()
                    + " applies to " + r.name() + ", and jts-fleet runs no local commands: write "
                    + Keyword.PROXY_JUMP.spelled() + " BASTION instead of " + Keyword.PROXY_COMMAND.spelled() + " "
                    + "ssh -W %h:%p BASTION, or set proxy_jump for the host in the inventory");
        }
        if (jumps.isEmpty()) {
            settings.add(new ExplainedSetting(PROXY_JUMP, "-", jumpOrigin.orElse(Origin.byDefault("none (direct)"))));
        }

        SshAccess access = new SshAccess(identityFiles, agent, identitiesOnly, certificateFiles, List.of(), strict,
                connectTimeout, keepAlive, otherKnownHosts);
        return new Partial(r, connection, address, port, user, identityFiles, access, knownHosts, become, config, jumps,
                jumpOrigin, settings, notes);
    }

    private Resolved finish(Partial p, Map<String, Partial> all) throws InventoryException {
        List<ExplainedSetting> settings = new ArrayList<>(p.settings());
        List<JumpHost> chain = List.of();
        if (!p.jumps().isEmpty()) {
            Deque<String> visiting = new ArrayDeque<>(List.of(p.request().name()));
            chain = chain(p.jumps(), p.config(), p.jumpOrigin().orElseThrow(), visiting, all, settings);
            settings.add(indexOf(settings, "proxy_jump[1]"), new ExplainedSetting(PROXY_JUMP,
                    String.join(",", p.jumps().stream().map(JumpSpec::text).toList()), p.jumpOrigin().orElseThrow()));
        }
        SshAccess access = p.access().withProxyJump(chain);
        int sshConfig = indexOf(settings, SSH_CONFIG);
        AccessExplanation explanation = new AccessExplanation(p.request().name(), p.request().lookupName(),
                sshConfig < settings.size() ? settings.get(sshConfig).value() : "none", order(settings), p.notes());
        return new Resolved(p.connection(), p.address(), p.port(), p.user(), p.knownHosts(), p.become(), access,
                explanation);
    }

    private static int indexOf(List<ExplainedSetting> settings, String name) {
        for (int i = 0; i < settings.size(); i++) {
            if (settings.get(i).setting().equals(name)) {
                return i;
            }
        }
        return settings.size();
    }

    /** Settings in {@link #KEYS} order, hops right after {@code proxy_jump}, others at the end. */
    private static List<ExplainedSetting> order(List<ExplainedSetting> settings) {
        List<ExplainedSetting> out = new ArrayList<>();
        for (String key : KEYS) {
            for (ExplainedSetting s : settings) {
                if (s.setting().equals(key) || (key.equals(PROXY_JUMP) && s.setting().startsWith(PROXY_JUMP + "["))) {
                    out.add(s);
                }
            }
            if (key.equals(KNOWN_HOSTS)) {
                for (ExplainedSetting s : settings) {
                    if (s.setting().equals(GLOBAL_KNOWN_HOSTS_ROW)) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The hops of {@code specs}, each resolved to address, port, user and keys: an inventory host of that name
     * first, else ssh_config for that name (as {@code ssh -J} runs {@code ssh [-l user] [-p port] HOP}). Only the
     * first hop's own jump chain is followed, as OpenSSH passes the earlier hops to the later ones with -J.
     */
    private List<JumpHost> chain(List<JumpSpec> specs, SshConfig config, Origin origin, Deque<String> visiting,
                                 Map<String, Partial> all, List<ExplainedSetting> settings) throws InventoryException {
        List<JumpHost> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            JumpSpec spec = specs.get(i);
            if (visiting.contains(spec.host())) {
                List<String> loop = new ArrayList<>(visiting);
                java.util.Collections.reverse(loop);
                loop.add(spec.host());
                throw new InventoryException(origin.describe() + ": proxy_jump loop: " + String.join(" -> ", loop));
            }
            Partial host = all.get(spec.host());
            String address;
            int port;
            String user;
            List<Path> keys;
            Origin hopOrigin;
            List<JumpSpec> ownJumps = List.of();
            SshConfig ownConfig = config;
            Origin ownOrigin = origin;
            if (host != null) {
                if (host.connection() == HostSpec.Connection.LOCAL) {
                    throw new InventoryException(origin.describe() + ": jump host " + spec.host()
                            + " is an inventory host with connection: local; a jump host must be reached over SSH");
                }
                address = host.address();
                port = spec.port().orElse(host.port());
                user = spec.user().orElse(host.user());
                keys = host.identityFiles();
                hopOrigin = host.settings().stream().filter(x -> x.setting().equals(ADDRESS)).findFirst()
                        .map(ExplainedSetting::origin).orElseThrow();
                ownJumps = host.jumps();
                ownConfig = host.config();
                ownOrigin = host.jumpOrigin().orElse(origin);
            } else {
                SshConfigResult c = config.resolve(spec.host(), Optional.empty(), spec.user());
                Optional<SshConfigValue> hostName = c.value(Keyword.HOSTNAME);
                address = c.hostName();
                port = spec.port().isPresent() ? spec.port().getAsInt() : c.port();
                user = spec.user().orElse(c.user(localUser));
                SshTokens t = SshTokens.connection(options.environment(), spec.host(), address, port, user,
                        c.value(Keyword.HOST_KEY_ALIAS).map(SshConfigValue::first));
                keys = new ArrayList<>();
                for (SshConfigValue v : c.identityFiles()) {
                    keys.add(configPath(t, v.first(), v));
                }
                hopOrigin = hostName.map(Origin::sshConfig).orElse(Origin.byDefault(config.isNone()
                        ? "the hop's name"
                        : "the hop's name (no " + Keyword.HOSTNAME.spelled() + " in " + config.description() + ")"));
                Optional<SshConfigValue> own = c.value(Keyword.PROXY_JUMP);
                if (own.isPresent()) {
                    ownJumps = parseJumps(own.get().rest(), own.get().where());
                    ownOrigin = Origin.sshConfig(own.get());
                }
            }
            if (i == 0 && !ownJumps.isEmpty()) {
                visiting.push(spec.host());
                out.addAll(chain(ownJumps, ownConfig, ownOrigin, visiting, all, settings));
                visiting.pop();
            }
            JumpHost hop;
            try {
                hop = new JumpHost(spec.text(), address, port, user, keys);
            } catch (IllegalArgumentException e) {
                throw new InventoryException(origin.describe() + ": " + e.getMessage());
            }
            out.add(hop);
            settings.add(new ExplainedSetting(PROXY_JUMP + "[" + (settings.stream()
                    .filter(s -> s.setting().startsWith(PROXY_JUMP + "[")).count() + 1) + "]",
                    spec.text() + (host != null ? " (inventory host)" : "") + " = " + hop.describe(), hopOrigin));
        }
        return out;
    }

    private static List<JumpSpec> parseJumps(String value, String where) throws InventoryException {
        try {
            return JumpSpec.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(where + ": proxy_jump: " + e.getMessage());
        }
    }

    // --- one value each: the inventory's, else ssh_config's, else the default ---

    private interface Parse<T> {
        T from(String text);
    }

    private static <T> T pick(Optional<Given> given, Optional<SshConfigValue> configured,
                              List<ExplainedSetting> settings, String key, Origin defaultOrigin, Parse<T> parse,
                              T defaultValue) {
        if (given.isPresent()) {
            settings.add(new ExplainedSetting(key, given.get().value(), given.get().origin()));
            return parse.from(given.get().value());
        }
        if (configured.isPresent()) {
            T value = parse.from(configured.get().first());
            // the value as jts-fleet uses it (IdentitiesOnly yes is true, as the inventory's key and the default show it)
            settings.add(new ExplainedSetting(key, String.valueOf(value), Origin.sshConfig(configured.get())));
            return value;
        }
        settings.add(new ExplainedSetting(key, String.valueOf(defaultValue), defaultOrigin));
        return defaultValue;
    }

    private static ExplainedSetting explained(String key, String value, Optional<Given> given, String defaultText) {
        return new ExplainedSetting(key, value, given.isPresent() ? given.get().origin() : Origin.byDefault(defaultText));
    }

    private List<Path> pathList(Optional<Given> given, List<SshConfigValue> configured, SshTokens t,
                                List<ExplainedSetting> settings, String key, String defaultText)
            throws InventoryException {
        List<Path> paths = new ArrayList<>();
        if (given.isPresent()) {
            for (String v : given.get().values()) {
                paths.add(expand(v));
            }
            settings.add(new ExplainedSetting(key, join(paths), given.get().origin()));
            return paths;
        }
        if (!configured.isEmpty()) {
            for (SshConfigValue v : configured) {
                Path p = configPath(t, v.first(), v);
                paths.add(p);
                settings.add(new ExplainedSetting(key, p.toString(), Origin.sshConfig(v)));
            }
            return paths;
        }
        settings.add(new ExplainedSetting(key, "-", Origin.byDefault(defaultText)));
        return paths;
    }

    private Optional<String> agent(Optional<Given> given, Optional<SshConfigValue> configured, SshTokens t,
                                   List<ExplainedSetting> settings, List<String> notes) throws InventoryException {
        String raw;
        Origin origin;
        boolean fromConfig;
        if (given.isPresent()) {
            raw = given.get().value();
            origin = given.get().origin();
            fromConfig = false;
        } else if (configured.isPresent()) {
            raw = configured.get().first();
            origin = Origin.sshConfig(configured.get());
            fromConfig = true;
        } else {
            settings.add(new ExplainedSetting(IDENTITY_AGENT, "$SSH_AUTH_SOCK", Origin.byDefault("$SSH_AUTH_SOCK")));
            return Optional.empty();
        }
        Optional<String> value;
        if (raw.equals(SshAccess.NO_AGENT)) {
            value = Optional.of(SshAccess.NO_AGENT);
        } else if (raw.equals("SSH_AUTH_SOCK")) {
            value = Optional.empty();
        } else if (raw.startsWith("$") && !raw.startsWith("${")) {
            Optional<String> v = options.environment().variable(raw.substring(1));
            value = Optional.of(v.orElse(SshAccess.NO_AGENT));
            if (v.isEmpty()) {
                notes.add(origin.describe() + ": " + raw + " is not set: no agent (as OpenSSH)");
            }
        } else {
            value = Optional.of(fromConfig ? configPath(t, raw, configured.get()).toString() : expand(raw).toString());
        }
        settings.add(new ExplainedSetting(IDENTITY_AGENT, value.orElse("$SSH_AUTH_SOCK"), origin));
        return value;
    }

    /**
     * {@code StrictHostKeyChecking}: {@code yes} and {@code accept-new} as written; {@code ask} becomes {@code yes}
     * (jts-fleet never prompts); {@code no}/{@code off} become {@code accept-new} (jts-fleet never accepts a changed
     * key).
     */
    private static Optional<String> strict(Optional<Given> given, Optional<SshConfigValue> configured,
                                           List<ExplainedSetting> settings, List<String> notes) {
        if (given.isPresent()) {
            settings.add(new ExplainedSetting(STRICT_HOST_KEY_CHECKING, given.get().value(), given.get().origin()));
            return Optional.of(given.get().value());
        }
        if (configured.isEmpty()) {
            settings.add(new ExplainedSetting(STRICT_HOST_KEY_CHECKING, "-",
                    Origin.byDefault("--accept-new-host-keys, else yes")));
            return Optional.empty();
        }
        SshConfigValue v = configured.get();
        String state = switch (v.first().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> "yes";
            case "accept-new" -> "accept-new";
            case "ask" -> {
                notes.add(v.where() + ": " + v.spelled() + " ask: jts-fleet never prompts, so unknown keys are "
                        + "refused (yes); use --accept-new-host-keys to record them");
                yield "yes";
            }
            default -> {
                notes.add(v.where() + ": " + v.spelled() + " " + v.first() + ": jts-fleet records unknown keys "
                        + "(accept-new) but never accepts a changed key");
                yield "accept-new";
            }
        };
        settings.add(new ExplainedSetting(STRICT_HOST_KEY_CHECKING, state, Origin.sshConfig(v)));
        return Optional.of(state);
    }

    private static Optional<Duration> duration(Optional<Given> given, Optional<SshConfigValue> configured,
                                               List<ExplainedSetting> settings, String key, String defaultText,
                                               List<String> notes) {
        if (given.isPresent()) {
            Duration d = DurationParser.parsePositive(given.get().value());
            settings.add(new ExplainedSetting(key, given.get().value(), given.get().origin()));
            return Optional.of(d);
        }
        if (configured.isPresent()) {
            SshConfigValue v = configured.get();
            long seconds = v.first().equals("none") ? 0 : sshSeconds(v.first());
            if (seconds > 0) {
                settings.add(new ExplainedSetting(key, seconds + "s", Origin.sshConfig(v)));
                return Optional.of(Duration.ofSeconds(seconds));
            }
            notes.add(v.where() + ": " + v.spelled() + " " + v.first() + ": jts-fleet keeps its own "
                    + (key.equals(CONNECT_TIMEOUT) ? "deadline (a connect never waits forever)"
                    : "keepalive (a dead host must be noticed)"));
        }
        settings.add(new ExplainedSetting(key, "-", Origin.byDefault(defaultText)));
        return Optional.empty();
    }

    private static long sshSeconds(String text) {
        return SshTime.seconds(text).orElseThrow();
    }

    // --- paths and tokens ---

    /** Inventory paths: {@code ~} and {@code ~/} are the home of the user running jts-fleet. */
    Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /** ssh_config paths: {@code ~}, {@code ${VAR}} and {@code %} tokens, errors naming the line. */
    private static Path configPath(SshTokens t, String value, SshConfigValue line) throws InventoryException {
        try {
            return t.file(value);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(line.where() + ": " + line.spelled() + ": " + e.getMessage());
        }
    }

    private static Path tildeOnly(SshTokens t, String value, SshConfigValue line) throws InventoryException {
        try {
            return Path.of(t.tilde(value));
        } catch (IllegalArgumentException e) {
            throw new InventoryException(line.where() + ": " + line.spelled() + ": " + e.getMessage());
        }
    }

    private static String lowerUnlessAddress(String host) {
        return SshConfig.lowerUnlessAddress(host);
    }

    private static String join(List<Path> paths) {
        return String.join(" ", paths.stream().map(Path::toString).toList());
    }
}
