package jts.fleet.inventory.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.testing.Oracles;

/**
 * {@code ssh -G -F FILE HOST} is the oracle: for every configuration of the corpus
 * ({@code src/test/resources/jts/fleet/inventory/sshconfig/oracle}) and every host its first line lists, what
 * {@link SshConfig} obtains must be what OpenSSH prints for the keywords jts-fleet reads. Files are copied to a
 * temporary directory first ({@code @DIR@} stands for it, so Include paths are absolute). Bad lines must be refused
 * by both, at the same line.
 */
class SshConfigOracleTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final String CORPUS = "/jts/fleet/inventory/sshconfig/oracle/";
    private static final List<String> FILES = List.of("basic.conf", "match.conf", "include.conf", "jump.conf",
            "files.conf", "values.conf", "syntax.conf");
    private static final List<String> INCLUDED = List.of("conf.d/10-a.conf", "conf.d/20-b.conf", "conf.d/.hidden.conf",
            "conf.d/notes.txt", "nested/web.conf", "nested/deeper.conf", "nested/tail.conf");
    /** The keywords compared: those jts-fleet reads, in ssh -G's spelling. */
    private static final List<String> KEYWORDS = List.of("user", "hostname", "port", "identityfile", "certificatefile",
            "identityagent", "identitiesonly", "userknownhostsfile", "globalknownhostsfile", "stricthostkeychecking",
            "connecttimeout", "serveraliveinterval", "proxyjump", "proxycommand", "hostkeyalias");
    private static final List<String> DEFAULT_IDENTITY_FILES = List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa",
            "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String file : FILES) {
            for (String host : hosts(resource(file))) {
                out.add(Arguments.of(file, host));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void resolvesLikeSshDashG(String file, String host) throws Exception {
        Path ssh = Oracles.require(SSH, "Debian package openssh-client");
        Path config = copyCorpus().resolve(file);
        Oracles.Run run = Oracles.run(List.of(ssh.toString(), "-G", "-F", config.toString(), host), dir);
        assertThat(run.status()).as("ssh -G failed: %s", run.stderr()).isZero();
        Map<String, List<String>> expected = parseDashG(run.stdout());

        SshEnvironment env = SshEnvironment.system();
        SshConfigResult result = SshConfig.file(env, config).resolve(host);
        Map<String, List<String>> actual = render(result, env, result.hostName(), result.user(env.localUser()));

        assertThat(actual).as("%s for host '%s' (ssh -G printed the expected side)", file, host)
                .isEqualTo(expected);
    }

    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of("match.conf", "alpha", "10.9.9.9", "deploy"),
                Arguments.of("match.conf", "beta", "gamma.corp.example.com", "root"),
                Arguments.of("match.conf", "gamma", "other.example.com", "ops"),
                Arguments.of("basic.conf", "foo1", "10.1.2.3", "admin"),
                Arguments.of("basic.conf", "web-01", "WEB-01.Prod.Example.com", "jts"),
                Arguments.of("files.conf", "kh3", "kh3.internal", "kh"),
                Arguments.of("jump.conf", "j2", "10.0.0.7", "root"));
    }

    /**
     * The inventory's address and user act like {@code ssh -o HostName=ADDRESS -o User=USER NAME}: obtained before
     * any file, seen by {@code Match host} and {@code Match user}, and in the tokens.
     */
    @ParameterizedTest(name = "{0} {1} HostName={2} User={3}")
    @MethodSource("presets")
    void inventoryValuesActLikeCommandLineOptions(String file, String host, String hostName, String user)
            throws Exception {
        Path ssh = Oracles.require(SSH, "Debian package openssh-client");
        Path config = copyCorpus().resolve(file);
        Oracles.Run run = Oracles.run(List.of(ssh.toString(), "-G", "-F", config.toString(), "-o",
                "HostName=" + hostName, "-o", "User=" + user, host), dir);
        assertThat(run.status()).as("ssh -G failed: %s", run.stderr()).isZero();
        Map<String, List<String>> expected = parseDashG(run.stdout());

        SshEnvironment env = SshEnvironment.system();
        SshConfigResult result = SshConfig.file(env, config).resolve(host, Optional.of(hostName), Optional.of(user));
        assertThat(result.value("HostName")).as("a preset HostName hides the configuration's").isEmpty();
        assertThat(result.value("User")).as("a preset User hides the configuration's").isEmpty();
        Map<String, List<String>> actual = render(result, env, SshConfig.lowerUnlessAddress(hostName), user);

        assertThat(actual).as("%s for host '%s' with HostName=%s User=%s", file, host, hostName, user)
                .isEqualTo(expected);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("Host x\n  Port 70000\n", 2),
                Arguments.of("Host x\n  Port abc\n", 2),
                Arguments.of("Host x\n  User \"unterminated\n", 2),
                Arguments.of("Host x\n  User a b\n", 2),
                Arguments.of("Host x\n  HostName\n", 2),
                Arguments.of("\n\nMatch host\n", 3),
                Arguments.of("Match bogus x\n", 1),
                Arguments.of("Match all host x\n", 1),
                Arguments.of("Host x\n  IdentitiesOnly maybe\n", 2),
                Arguments.of("Host x\n  StrictHostKeyChecking sometimes\n", 2),
                Arguments.of("Host x\n  ConnectTimeout 10x\n", 2),
                Arguments.of("Host x\n  ServerAliveInterval -1\n", 2),
                Arguments.of("Host x\n  ProxyJump a:b\n", 2),
                Arguments.of("Host x\n  ProxyJump @host\n", 2),
                Arguments.of("Host x\n  UserKnownHostsFile none /tmp/kh\n", 2),
                // refused even inside a block that does not apply, as OpenSSH refuses it
                Arguments.of("Host never-matches\n  Port 0\n", 2));
    }

    @ParameterizedTest(name = "[{index}] line {1}")
    @MethodSource("badLines")
    void refusesWhatSshRefusesAtTheSameLine(String text, int line) throws Exception {
        Path ssh = Oracles.require(SSH, "Debian package openssh-client");
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, text);
        Oracles.Run run = Oracles.run(List.of(ssh.toString(), "-G", "-F", config.toString(), "x"), dir);
        assertThat(run.status()).as("ssh accepted %s", text).isNotZero();
        assertThat(run.stderr()).contains("line " + line);

        assertThatThrownBy(() -> SshConfig.file(SshEnvironment.system(), config).resolve("x"))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(config + ":" + line + ": ");
    }

    /** {@code ssh -G} output: one {@code keyword value} per line; repeated keywords accumulate. */
    private static Map<String, List<String>> parseDashG(String output) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                all.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : KEYWORDS) {
            if (all.containsKey(k)) {
                out.put(k, all.get(k));
            }
        }
        return out;
    }

    /** The same keywords from jts-fleet's evaluation, printed the way ssh -G prints them. */
    private static Map<String, List<String>> render(SshConfigResult r, SshEnvironment env, String host, String user) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int port = r.port();
        SshTokens tokens = SshTokens.connection(env, r.hostArg(), host, port, user,
                r.value("HostKeyAlias").map(SshConfigValue::first));
        out.put("user", List.of(user));
        out.put("hostname", List.of(host));
        out.put("port", List.of(Integer.toString(port)));
        out.put("identitiesonly", List.of(flag(r.value("IdentitiesOnly")) ? "yes" : "no"));
        out.put("stricthostkeychecking", List.of(r.value("StrictHostKeyChecking")
                .map(v -> switch (SshKeywords.strictHostKeys(v.first()).orElseThrow()) {
                    case "yes" -> "true";
                    case "off" -> "false";
                    default -> SshKeywords.strictHostKeys(v.first()).orElseThrow();
                }).orElse("ask")));
        out.put("serveraliveinterval", List.of(r.value("ServerAliveInterval")
                .map(v -> Long.toString(SshTime.seconds(v.first()).orElseThrow())).orElse("0")));
        out.put("identityfile", r.identityFiles().isEmpty() ? DEFAULT_IDENTITY_FILES
                : r.identityFiles().stream().map(SshConfigValue::first).toList());
        if (!r.certificateFiles().isEmpty()) {
            out.put("certificatefile", r.certificateFiles().stream().map(SshConfigValue::first).toList());
        }
        r.value("IdentityAgent").ifPresent(v -> out.put("identityagent", List.of(tokens.path(v.first()))));
        Optional<SshConfigValue> known = r.value("UserKnownHostsFile");
        if (known.isEmpty()) {
            out.put("userknownhostsfile", List.of(tokens.path("~/.ssh/known_hosts") + " "
                    + tokens.path("~/.ssh/known_hosts2")));
        } else {
            // "none" is printed as written (ssh drops the files after printing)
            out.put("userknownhostsfile", List.of(String.join(" ",
                    known.get().args().stream().map(tokens::path).toList())));
        }
        Optional<SshConfigValue> global = r.value("GlobalKnownHostsFile");
        if (global.isEmpty()) {
            out.put("globalknownhostsfile", List.of("/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2"));
        } else {
            out.put("globalknownhostsfile", List.of(String.join(" ", global.get().args())));
        }
        out.put("connecttimeout", List.of(r.value("ConnectTimeout").filter(v -> !v.first().equals("none"))
                .map(v -> Long.toString(SshTime.seconds(v.first()).orElseThrow())).orElse("none")));
        r.value("ProxyJump").ifPresent(v -> {
            List<JumpSpec> hops = JumpSpec.parseList(v.rest());
            if (!hops.isEmpty()) {
                List<String> parts = new ArrayList<>(hops.subList(0, hops.size() - 1).stream().map(JumpSpec::text)
                        .toList());
                parts.add(hops.get(hops.size() - 1).canonical());
                out.put("proxyjump", List.of(String.join(",", parts)));
            }
        });
        r.value("ProxyCommand").filter(v -> !v.rest().equals("none"))
                .ifPresent(v -> out.put("proxycommand", List.of(v.rest())));
        r.value("HostKeyAlias").ifPresent(v -> out.put("hostkeyalias", List.of(v.first())));
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String k : KEYWORDS) {
            if (out.containsKey(k)) {
                ordered.put(k, out.get(k));
            }
        }
        return ordered;
    }

    private static boolean flag(Optional<SshConfigValue> v) {
        return v.flatMap(x -> SshKeywords.flag(x.first())).orElse(false);
    }

    /** The host names on the corpus file's first line ({@code # hosts: a b "c d"}). */
    private static List<String> hosts(String text) {
        String first = text.lines().findFirst().orElseThrow();
        if (!first.startsWith("# hosts:")) {
            throw new IllegalStateException("corpus file must start with '# hosts:'");
        }
        List<String> hosts = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(first.substring("# hosts:".length()));
        while (m.find()) {
            hosts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return hosts;
    }

    private Path copyCorpus() throws IOException {
        for (String name : concat(FILES, INCLUDED)) {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            Files.writeString(target, resource(name).replace("@DIR@", dir.toString()));
            // ssh and jts-fleet refuse included files writable by others (a umask of 002 would make them so)
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        return dir;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SshConfigOracleTest.class.getResourceAsStream(CORPUS + name)) {
            if (in == null) {
                throw new IOException("corpus file missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
