package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.ansible.AnsibleInventory;
import jts.fleet.inventory.ansible.AnsibleInventoryReader;
import jts.fleet.inventory.ansible.AnsibleValue;
import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.testing.Oracles;

/**
 * {@code ansible-inventory -i PATH --list} and {@code ansible -i PATH PATTERN --list-hosts} are the oracles: for
 * inventories written the way Ansible's documentation shows them (INI without extension, YAML, a directory source,
 * group priorities and depths; group_vars/ and host_vars/ beside them), the hosts, each group's members, the
 * connection variables after Ansible's precedence, the effective jts-fleet settings they imply and the hosts every
 * pattern of the case's {@code patterns.txt} selects must agree.
 */
class AnsibleInventoryOracleTest {
    private static final Path ANSIBLE_INVENTORY = Path.of("/usr/bin/ansible-inventory");
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible");
    private static final String CORPUS = "/jts/fleet/inventory/ansible/oracle/";
    private static final List<String> FILES = List.of("docs-ini/hosts", "docs-ini/patterns.txt",
            "docs-ini/group_vars/all/10-common.yml", "docs-ini/group_vars/all/20-more.yaml",
            "docs-ini/group_vars/raleigh", "docs-ini/group_vars/webservers.yml", "docs-ini/group_vars/webservers.json",
            "docs-ini/host_vars/foo.example.com", "docs-ini/host_vars/host3.yml",
            "docs-yaml/inventory.yml", "docs-yaml/patterns.txt", "docs-yaml/group_vars/prod.yml",
            "dir-source/01-static.yml", "dir-source/02-db", "dir-source/README.md", "dir-source/legacy.ini",
            "dir-source/group_vars/app.yml", "dir-source/patterns.txt",
            "priority/hosts.ini", "priority/patterns.txt",
            "edge/hosts.ini", "edge/patterns-ini.txt", "edge/inventory.yaml", "edge/patterns-yaml.txt");
    /** The variables jts-fleet reads. */
    private static final List<String> CONNECTION_VARS = List.of("ansible_host", "ansible_port", "ansible_user",
            "ansible_ssh_private_key_file", "ansible_become", "ansible_connection", "ansible_ssh_common_args",
            "ansible_ssh_extra_args");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("docs-ini", "docs-ini/hosts", "docs-ini/patterns.txt"),
                Arguments.of("docs-yaml", "docs-yaml/inventory.yml", "docs-yaml/patterns.txt"),
                Arguments.of("dir-source", "dir-source", "dir-source/patterns.txt"),
                Arguments.of("priority", "priority/hosts.ini", "priority/patterns.txt"),
                Arguments.of("edge-ini", "edge/hosts.ini", "edge/patterns-ini.txt"),
                Arguments.of("edge-yaml", "edge/inventory.yaml", "edge/patterns-yaml.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithAnsibleInventoryList(String name, String source, String patternFile) throws Exception {
        Path tool = Oracles.require(ANSIBLE_INVENTORY, "Debian package ansible-core");
        Path path = copyCorpus().resolve(source);
        JsonNode list = ansibleList(tool, path);

        AnsibleInventory parsed = AnsibleInventoryReader.read(path, source);
        Inventory inv = loader().loadAnsible(path);

        // hosts: every group's (_meta.hostvars leaves out hosts without any variable)
        Set<String> expectedHosts = new java.util.TreeSet<>();
        list.fields().forEachRemaining(g -> g.getValue().path("hosts").forEach(h -> expectedHosts.add(h.asText())));
        assertThat(new java.util.TreeSet<>(inv.hostNames())).as("hosts of %s", name).isEqualTo(expectedHosts);

        // every group Ansible lists, with its members (children's hosts included)
        for (Iterator<String> it = list.fieldNames(); it.hasNext();) {
            String group = it.next();
            if (group.equals("_meta") || group.equals("all")) {
                continue;
            }
            assertThat(new java.util.TreeSet<>(inv.groups().getOrDefault(group, List.of())))
                    .as("members of group %s in %s", group, name).isEqualTo(members(list, group));
        }
        for (Map.Entry<String, List<String>> g : inv.groups().entrySet()) {
            if (!list.has(g.getKey())) {
                assertThat(g.getValue()).as("group %s that Ansible does not list (empty there)", g.getKey()).isEmpty();
            }
        }

        // connection variables after Ansible's precedence, and what jts-fleet makes of them
        for (String host : expectedHosts) {
            JsonNode vars = list.path("_meta").path("hostvars").path(host);
            Map<String, String> expected = new TreeMap<>();
            Map<String, String> actual = new TreeMap<>();
            Map<String, AnsibleValue> ours = parsed.hostVars(host);
            for (String v : CONNECTION_VARS) {
                if (vars.has(v)) {
                    expected.put(v, normalise(v, vars.get(v).asText()));
                }
                if (ours.containsKey(v)) {
                    actual.put(v, normalise(v, ours.get(v).text()));
                }
            }
            assertThat(actual).as("connection vars of %s in %s", host, name).isEqualTo(expected);

            HostSpec spec = inv.host(host).orElseThrow();
            boolean local = vars.path("ansible_connection").asText().equals("local");
            assertThat(spec.connection()).isEqualTo(local ? HostSpec.Connection.LOCAL : HostSpec.Connection.SSH);
            if (!local) { // a local host has no port or login
                assertThat(spec.port()).as("port of %s", host).isEqualTo(vars.path("ansible_port").asInt(22));
                if (vars.has("ansible_user")) {
                    assertThat(spec.user()).as("user of %s", host).isEqualTo(vars.get("ansible_user").asText());
                }
                assertThat(spec.address()).as("address of %s", host)
                        .isEqualTo(vars.path("ansible_host").asText(host).toLowerCase(java.util.Locale.ROOT));
            }
            boolean become = vars.has("ansible_become") && List.of("true", "yes", "1", "on")
                    .contains(vars.get("ansible_become").asText().toLowerCase(java.util.Locale.ROOT));
            assertThat(spec.become()).as("become of %s", host)
                    .isEqualTo(become ? HostSpec.Become.SUDO : HostSpec.Become.NONE);
            if (!local && vars.has("ansible_ssh_private_key_file")) {
                assertThat(spec.identityFile()).as("key of %s", host).contains(TestInventories.HOME
                        .resolve(vars.get("ansible_ssh_private_key_file").asText().substring(2)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patternsSelectWhatAnsibleSelects(String name, String source, String patternFile) throws Exception {
        Path tool = Oracles.require(ANSIBLE, "Debian package ansible-core");
        Path base = copyCorpus();
        Path path = base.resolve(source);
        Inventory inv = loader().loadAnsible(path);
        List<String> patterns = Files.readAllLines(base.resolve(patternFile)).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(patterns).isNotEmpty();
        for (String pattern : patterns) {
            Oracles.Run run = Oracles.run(List.of(tool.toString(), "-i", path.toString(), pattern, "--list-hosts"),
                    dir, ansibleEnvironment());
            assertThat(run.status()).as("ansible --list-hosts %s: %s", pattern, run.stderr()).isZero();
            List<String> expected = run.stdout().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                    .toList();
            List<String> actual = inv.select(pattern).stream().map(HostSpec::name).toList();
            // the same hosts; jts-fleet lists them in inventory order, Ansible in the order of the pattern's terms
            assertThat(actual).as("pattern '%s' in %s", pattern, name).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static InventoryLoader loader() {
        return new InventoryLoader(dir, TestInventories.HOME, "tester", dir.resolve("none.yaml"),
                SshConfigOptions.nothing(SshEnvironment.of(TestInventories.HOME, "tester")));
    }

    /** Ansible's booleans come as true/yes/True: compare them as booleans. */
    private static String normalise(String var, String value) {
        if (var.equals("ansible_become")) {
            return Boolean.toString(List.of("true", "yes", "1", "on", "y", "t")
                    .contains(value.toLowerCase(java.util.Locale.ROOT)));
        }
        return value;
    }

    /** Hosts of a group and of its children, from --list output. */
    private static Set<String> members(JsonNode list, String group) {
        Set<String> out = new java.util.TreeSet<>();
        JsonNode g = list.path(group);
        g.path("hosts").forEach(h -> out.add(h.asText()));
        g.path("children").forEach(c -> out.addAll(members(list, c.asText())));
        return out;
    }

    private static JsonNode ansibleList(Path tool, Path path) throws IOException, InterruptedException {
        Oracles.Run run = Oracles.run(List.of(tool.toString(), "-i", path.toString(), "--list"), dir,
                ansibleEnvironment());
        assertThat(run.status()).as("ansible-inventory failed: %s", run.stderr()).isZero();
        assertThat(run.stderr()).as("ansible-inventory warned").doesNotContain("WARNING");
        return JSON.readTree(run.stdout());
    }

    /** Ansible keeps its temporary files and cache under HOME: a private one, and parse failures as failures. */
    private static Map<String, String> ansibleEnvironment() throws IOException {
        Files.createDirectories(dir.resolve("ansible-home"));
        Files.createDirectories(dir.resolve("ansible-tmp"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("ansible-home").toString());
        env.put("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true");
        env.put("ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        return env;
    }

    private static Path copyCorpus() throws IOException {
        Path base = dir.resolve("corpus");
        for (String name : FILES) {
            Path target = base.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = AnsibleInventoryOracleTest.class.getResourceAsStream(CORPUS + name)) {
                assertThat(in).as("corpus file %s", name).isNotNull();
                Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return base;
    }
}
