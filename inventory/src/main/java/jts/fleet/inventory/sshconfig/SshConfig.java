package jts.fleet.inventory.sshconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jts.fleet.inventory.source.DebugLog;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.sshconfig.SshKeywords.Keyword;

/**
 * The OpenSSH client configuration for one run: which files are read ({@code ~/.ssh/config} then
 * {@code /etc/ssh/ssh_config} like {@code ssh}, one file like {@code ssh -F FILE}, or none) and their evaluation for
 * a host name, as OpenSSH 9.2's readconf.c does it:
 * <ul>
 *   <li>a {@code Host} line matches when one of its patterns matches the name (case-sensitive, {@code *} and
 *       {@code ?}) and no {@code !pattern} does; a {@code Match} line when all its criteria hold ({@code host}
 *       sees the {@code HostName} obtained so far, lists are comma-separated, case-insensitive);</li>
 *   <li>the first value obtained for a keyword wins; {@code IdentityFile} and {@code CertificateFile}
 *       accumulate;</li>
 *   <li>{@code Include} reads files at the place it stands, relative to {@code ~/.ssh} (or {@code /etc/ssh} for the
 *       system file), with glob patterns, also inside blocks that do not match (to check them, applying nothing);</li>
 *   <li>{@code Match final}, {@code Match canonical} and {@code CanonicalizeHostname} make a second pass with the
 *       name replaced by the lower-cased {@code HostName} (jts-fleet does no DNS canonicalization).</li>
 * </ul>
 * Values set "on the command line" ({@link #resolve(String, Optional, Optional)}: the inventory's address and user)
 * are obtained before any file, as {@code ssh -o HostName=... -o User=...} would have them. Parsed files are kept
 * for the life of the instance (one inventory load).
 */
public final class SshConfig {
    private static final int MAX_INCLUDE_DEPTH = 16;
    /**
     * Notes (ignored keywords, Match exec not run, ...) also go to the debug log, as OpenSSH's debug() does. Made on
     * the first note that would be printed ({@link #debug}): {@code System.getLogger} starts java.util.logging, and
     * loading the embedded inventory touches this class ({@link #SYSTEM_CONFIG}) without reading any ssh_config.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(SshConfig.class.getName());
    }

    /** A note for the debug log; no logger is made while nothing would print it ({@link DebugLog}). */
    private static void debug(java.util.function.Supplier<String> message) {
        if (DebugLog.wanted()) {
            Log.LOG.log(System.Logger.Level.DEBUG, message);
        }
    }

    public static final Path SYSTEM_CONFIG = Path.of("/etc/ssh/ssh_config");
    private static final Path SYSTEM_DIR = Path.of("/etc/ssh");

    /** A file read at top level: user files resolve relative Includes in ~/.ssh, the system file in /etc/ssh. */
    private record Root(Path path, boolean userConfig, boolean required, boolean checkPermissions) {
    }

    private final List<Root> roots;
    private final SshEnvironment env;
    private final String description;
    private final Map<Path, Optional<SshConfigFile>> files = new HashMap<>();
    private final Set<Path> consulted = new LinkedHashSet<>();

    private SshConfig(List<Root> roots, SshEnvironment env, String description) {
        this.roots = List.copyOf(roots);
        this.env = env;
        this.description = description;
    }

    /** No configuration at all ({@code ssh_config: none}, {@code ssh -F none}). */
    public static SshConfig none(SshEnvironment env) {
        return new SshConfig(List.of(), env, "none");
    }

    /** What {@code ssh} reads by default: {@code ~/.ssh/config}, then {@code /etc/ssh/ssh_config}. */
    public static SshConfig standard(SshEnvironment env) {
        return standard(env, Optional.of(env.home().resolve(".ssh/config")), Optional.of(SYSTEM_CONFIG));
    }

    /** The same with other places, or without one of them (tests). Missing files are skipped. */
    public static SshConfig standard(SshEnvironment env, Optional<Path> userConfig, Optional<Path> systemConfig) {
        List<Root> roots = new ArrayList<>();
        userConfig.ifPresent(p -> roots.add(new Root(p, true, false, true)));
        systemConfig.ifPresent(p -> roots.add(new Root(p, false, false, false)));
        List<String> names = roots.stream().map(r -> r.path().toString()).toList();
        return new SshConfig(roots, env, roots.isEmpty() ? "none" : String.join(" and ", names));
    }

    /** One file instead of both, like {@code ssh -F FILE}; it must exist. */
    public static SshConfig file(SshEnvironment env, Path file) {
        return new SshConfig(List.of(new Root(file, true, true, false)), env, file.toString());
    }

    public boolean isNone() {
        return roots.isEmpty();
    }

    /** Which files this configuration reads, for messages. */
    public String description() {
        return description;
    }

    public SshEnvironment environment() {
        return env;
    }

    /**
     * Every file and directory read or listed so far (Include globs list directories): a cache of the result must
     * check them for changes.
     */
    public synchronized Set<Path> consulted() {
        return Set.copyOf(consulted);
    }

    /** The configuration for {@code hostArg} with nothing given on the command line. */
    public SshConfigResult resolve(String hostArg) throws InventoryException {
        return resolve(hostArg, Optional.empty(), Optional.empty());
    }

    /**
     * The configuration for {@code hostArg}.
     *
     * @param hostName a {@code HostName} obtained before the files (the inventory's address)
     * @param user     a {@code User} obtained before the files (the inventory's user)
     * @throws InventoryException naming {@code file:line} for a bad line, an unreadable or unsafe file, an Include
     *                            loop, or a {@code Match exec} whose block would change how the host is reached
     */
    public synchronized SshConfigResult resolve(String hostArg, Optional<String> hostName, Optional<String> user)
            throws InventoryException {
        if (roots.isEmpty()) {
            return SshConfigResult.empty(hostArg);
        }
        Evaluation e = new Evaluation(hostArg, hostName, user);
        e.pass(false);
        boolean canonicalize = e.values.containsKey(Keyword.CANONICALIZE_HOSTNAME.key())
                && !List.of("no", "false", "none").contains(
                e.values.get(Keyword.CANONICALIZE_HOSTNAME.key()).first().toLowerCase(Locale.ROOT));
        if (canonicalize) {
            SshConfigValue v = e.values.get(Keyword.CANONICALIZE_HOSTNAME.key());
            e.notes.add(v.where() + ": CanonicalizeHostname: jts-fleet looks nothing up in DNS; the configuration is "
                    + "read a second time with the name unchanged, as OpenSSH does when canonicalization fails over");
        }
        if (e.wantFinal || canonicalize) {
            e.host = lowerUnlessAddress(e.hostNameOption().orElse(hostArg));
            e.hostNameLocked = true;
            e.pass(true);
        }
        for (String note : e.notes) {
            debug(() -> hostArg + ": " + note);
        }
        return new SshConfigResult(hostArg, e.values, e.identityFiles, e.certificateFiles, List.copyOf(e.notes));
    }

    /** OpenSSH lower-cases host names but not addresses. */
    public static String lowerUnlessAddress(String host) {
        return isAddress(host) ? host : host.toLowerCase(Locale.ROOT);
    }

    /**
     * Compiled when an address is first checked, not with this class: a run of the embedded inventory makes its
     * local host's (empty) configuration here and never evaluates one (~0.5 ms of a local {@code status}).
     */
    private static final class Ipv4 {
        static final Pattern PATTERN = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    static boolean isAddress(String host) {
        return Ipv4.PATTERN.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    private final class Evaluation {
        final String hostArg;
        final Optional<String> presetHostName;
        final Optional<String> presetUser;
        String host;
        boolean finalPass;
        boolean wantFinal;
        boolean hostNameLocked;
        final Map<String, SshConfigValue> values = new LinkedHashMap<>();
        final List<SshConfigValue> identityFiles = new ArrayList<>();
        final List<SshConfigValue> certificateFiles = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();

        Evaluation(String hostArg, Optional<String> hostName, Optional<String> user) {
            this.hostArg = hostArg;
            this.host = hostArg;
            this.presetHostName = hostName;
            this.presetUser = user;
            this.hostNameLocked = hostName.isPresent();
        }

        void pass(boolean isFinal) throws InventoryException {
            finalPass = isFinal;
            for (Root root : roots) {
                Optional<SshConfigFile> file = load(root.path(), root.required(), root.checkPermissions());
                if (file.isPresent()) {
                    boolean[] active = {true};
                    process(file.get(), root.userConfig(), active, false, 0);
                }
            }
        }

        /** {@code HostName} obtained so far, {@code %h} expanded with the name given ({@code match_cfg_line}). */
        Optional<String> hostNameOption() {
            if (presetHostName.isPresent()) {
                return presetHostName;
            }
            return Optional.ofNullable(values.get(Keyword.HOSTNAME.key())).map(v -> expandHost(v.first()));
        }

        String expandHost(String value) {
            return new SshTokens(Map.of('h', hostArg), env).expand(value, false);
        }

        void process(SshConfigFile file, boolean userConfig, boolean[] active, boolean neverMatch, int depth)
                throws InventoryException {
            List<SshConfigLine> lines = file.lines();
            notes.addAll(file.notes());
            for (int i = 0; i < lines.size(); i++) {
                SshConfigLine line = lines.get(i);
                Keyword keyword = Keyword.of(line.keyword()).orElse(null);
                if (keyword == Keyword.HOST) {
                    active[0] = !neverMatch && hostMatches(line.args());
                } else if (keyword == Keyword.MATCH) {
                    active[0] = !neverMatch && matchHolds(lines, i);
                } else if (keyword == Keyword.INCLUDE) {
                    include(line, userConfig, active, neverMatch, depth);
                } else if (active[0]) {
                    apply(line);
                }
            }
        }

        boolean hostMatches(List<String> patterns) {
            boolean matched = false;
            for (String p : patterns) {
                boolean negated = p.startsWith("!");
                if (SshPatterns.matches(host, negated ? p.substring(1) : p)) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }

        boolean matchHolds(List<SshConfigLine> lines, int index) throws InventoryException {
            SshConfigLine line = lines.get(index);
            List<MatchCriteria.Criterion> criteria;
            try {
                criteria = MatchCriteria.parse(line);
            } catch (SshConfigTokenizer.LineException e) {
                throw new InventoryException(line.where() + ": Match: " + e.getMessage()); // checked at parse time
            }
            String matchHost = finalPass ? host : hostNameOption().orElse(hostArg);
            String remoteUser = presetUser.or(() -> Optional.ofNullable(values.get(Keyword.USER.key()))
                    .map(SshConfigValue::first)).orElse(env.localUser());
            boolean result = true;
            for (MatchCriteria.Criterion c : criteria) {
                boolean r;
                switch (c.attribute()) {
                    case "all" -> {
                        return result && !c.negate();
                    }
                    case "canonical", "final" -> {
                        if (c.attribute().equals("final") && !finalPass) {
                            wantFinal = true;
                        }
                        r = finalPass;
                    }
                    case "host" -> r = SshPatterns.matchesHost(matchHost, c.argument());
                    case "originalhost" -> r = SshPatterns.matchesHost(hostArg, c.argument());
                    case "user" -> r = SshPatterns.matchList(remoteUser, c.argument(), false) == 1;
                    case "localuser" -> r = SshPatterns.matchList(env.localUser(), c.argument(), false) == 1;
                    case "exec" -> {
                        if (!result) {
                            continue; // OpenSSH skips exec when an earlier criterion failed
                        }
                        execNotRun(lines, index, c);
                        return false;
                    }
                    default -> throw new IllegalStateException("criterion checked at parse time: " + c.attribute());
                }
                if (r == c.negate()) {
                    result = false;
                }
            }
            return result;
        }

        /**
         * jts-fleet runs no local commands: a {@code Match exec} block that would set something jts-fleet reads is an
         * error (its result cannot be known); one that sets nothing jts-fleet reads is skipped with a note.
         */
        void execNotRun(List<SshConfigLine> lines, int index, MatchCriteria.Criterion c) throws InventoryException {
            SshConfigLine match = lines.get(index);
            for (int j = index + 1; j < lines.size(); j++) {
                SshConfigLine l = lines.get(j);
                Optional<Keyword> keyword = Keyword.of(l.keyword());
                if (keyword.isPresent() && (keyword.get() == Keyword.HOST || keyword.get() == Keyword.MATCH)) {
                    break;
                }
                if (keyword.isPresent()) { // a value jts-fleet uses, or an Include that may set one
                    throw new InventoryException(match.where() + ": Match " + (c.negate() ? "!" : "") + "exec \""
                            + c.argument() + "\" applies to " + hostArg + " unless the command says otherwise, and its "
                            + "block sets " + SshKeywords.spelled(l.keyword()) + " (line " + l.line() + "): jts-fleet "
                            + "runs no local commands to decide; set the value in the inventory, or use another "
                            + "ssh_config (--ssh-config FILE, ssh_config: FILE or none)");
                }
            }
            notes.add(match.where() + ": Match exec \"" + c.argument() + "\" not run (jts-fleet runs no local "
                    + "commands); its block sets nothing jts-fleet reads");
        }

        void apply(SshConfigLine line) {
            Optional<Keyword> keyword = Keyword.of(line.keyword()).filter(Keyword::valueUsed);
            if (keyword.isEmpty()) {
                return;
            }
            SshConfigValue v = SshConfigValue.of(line);
            switch (keyword.get()) {
                case HOSTNAME -> {
                    if (!hostNameLocked) {
                        values.putIfAbsent(line.keyword(), v);
                    }
                }
                case USER -> {
                    if (presetUser.isEmpty()) {
                        values.putIfAbsent(line.keyword(), v);
                    }
                }
                case IDENTITY_FILE -> addOnce(identityFiles, v);
                case CERTIFICATE_FILE -> addOnce(certificateFiles, v);
                case PROXY_JUMP, PROXY_COMMAND -> {
                    // the first of the two obtained wins; the other is ignored
                    if (!values.containsKey(Keyword.PROXY_JUMP.key())
                            && !values.containsKey(Keyword.PROXY_COMMAND.key())) {
                        values.put(line.keyword(), v);
                    }
                }
                default -> values.putIfAbsent(line.keyword(), v);
            }
        }

        void addOnce(List<SshConfigValue> list, SshConfigValue v) {
            if (list.stream().noneMatch(x -> x.first().equals(v.first()))) {
                list.add(v);
            }
        }

        void include(SshConfigLine line, boolean userConfig, boolean[] active, boolean neverMatch, int depth)
                throws InventoryException {
            if (depth + 1 > MAX_INCLUDE_DEPTH) {
                throw new InventoryException(line.where() + ": Include: more than " + MAX_INCLUDE_DEPTH
                        + " nested includes (does a file include itself?)");
            }
            for (String arg : line.args()) {
                if (arg.startsWith("~") && !userConfig) {
                    throw new InventoryException(line.where() + ": Include: bad include path " + arg
                            + " (~ is not allowed in the system configuration)");
                }
                String pattern;
                try {
                    if (arg.startsWith("~")) {
                        pattern = new SshTokens(Map.of(), env).tilde(arg);
                    } else if (arg.startsWith("/")) {
                        pattern = arg;
                    } else {
                        pattern = (userConfig ? env.home().resolve(".ssh") : SYSTEM_DIR).resolve(arg).toString();
                    }
                } catch (IllegalArgumentException e) {
                    throw new InventoryException(line.where() + ": Include: " + e.getMessage());
                }
                List<Path> matches = glob(pattern);
                if (matches.isEmpty()) {
                    debug(() -> line.where() + ": Include " + arg + " matched no files");
                }
                boolean before = active[0];
                for (Path p : matches) {
                    Optional<SshConfigFile> f = load(p, false, true);
                    if (f.isPresent()) {
                        process(f.get(), userConfig, active, neverMatch || !before, depth + 1);
                    }
                    active[0] = before; // a Host or Match in the included file ends with it
                }
            }
        }
    }

    /** {@code glob(3)} without {@code GLOB_NOCHECK}: existing paths only, sorted, a leading dot matched only by a dot. */
    private List<Path> glob(String pattern) {
        List<Path> current = List.of(Path.of("/"));
        String[] parts = pattern.split("/");
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            if (part.indexOf('*') < 0 && part.indexOf('?') < 0 && part.indexOf('[') < 0) {
                for (Path p : current) {
                    next.add(p.resolve(part));
                }
            } else {
                Pattern regex = globPart(part);
                for (Path dir : current) {
                    consulted.add(dir);
                    List<Path> entries = new ArrayList<>();
                    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                        for (Path entry : stream) {
                            String name = entry.getFileName().toString();
                            if ((!name.startsWith(".") || part.startsWith(".")) && regex.matcher(name).matches()) {
                                entries.add(entry);
                            }
                        }
                    } catch (IOException e) {
                        continue; // not a directory or unreadable: nothing matches there, as with glob(3)
                    }
                    entries.sort(null);
                    next.addAll(entries);
                }
            }
            current = next;
        }
        List<Path> existing = new ArrayList<>();
        for (Path p : current) {
            if (Files.isRegularFile(p)) {
                existing.add(p);
            } else {
                consulted.add(p); // a file that may appear later
            }
        }
        return existing;
    }

    private static Pattern globPart(String part) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int close = part.indexOf(']', i + 2);
                if (close < 0) {
                    regex.append("\\[");
                    continue;
                }
                String body = part.substring(i + 1, close);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** A file, parsed once per instance; empty when absent and not required. */
    private Optional<SshConfigFile> load(Path path, boolean required, boolean checkPermissions)
            throws InventoryException {
        Optional<SshConfigFile> cached = files.get(path);
        if (cached != null) {
            return cached;
        }
        consulted.add(path);
        Optional<SshConfigFile> parsed;
        try {
            if (checkPermissions && Files.exists(path)) {
                checkPermissions(path);
            }
            if (Files.isDirectory(path)) {
                throw new InventoryException(path + ": is a directory, not an ssh_config file");
            }
            byte[] bytes = Files.readAllBytes(path);
            parsed = Optional.of(SshConfigFile.parse(new String(bytes, StandardCharsets.UTF_8), path.toString()));
        } catch (NoSuchFileException e) {
            if (required) {
                throw new InventoryException(path + ": ssh_config file not found", e);
            }
            parsed = Optional.empty();
        } catch (IOException e) {
            throw new InventoryException(path + ": cannot read ssh_config: " + e.getMessage(), e);
        }
        files.put(path, parsed);
        return parsed;
    }

    /** OpenSSH refuses a user configuration owned by someone else or writable by group or others. */
    private void checkPermissions(Path path) throws InventoryException, IOException {
        Object owner;
        Set<PosixFilePermission> mode;
        try {
            owner = Files.getAttribute(path, "unix:uid");
            mode = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            return;
        }
        long uid = ((Number) owner).longValue();
        if ((uid != 0 && uid != env.uid()) || mode.contains(PosixFilePermission.GROUP_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new InventoryException(path + ": bad owner or permissions (ssh refuses it too: it must belong to "
                    + "you or root and not be writable by group or others; chmod go-w " + path + ")");
        }
    }
}
