package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.ansible.HostRange;
import jts.fleet.inventory.ansible.SshArgs;
import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.source.InventoryException;

/** Ansible inventories: what the oracle cannot show (jts-fleet's refusals, its policy file, the ssh options). */
class AnsibleInventoryTest {
    /** The policy both ways of giving one are tested with: tier hot (NVMe, 128 KiB read-ahead), 16 KiB for group db. */
    private static final String HOT_TIER_DB_16 = """
            policy:
              tiers:
                - name: hot
                  match: {classes: [nvme]}
                  queue: {scheduler: none, read_ahead_kb: 128}
            groups:
              db:
                policy:
                  tiers:
                    - name: hot
                      queue: {read_ahead_kb: 16}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private InventoryLoader loader() {
        return new InventoryLoader(dir, TestInventories.HOME, "tester", dir.resolve("none.yaml"),
                SshConfigOptions.nothing(SshEnvironment.of(TestInventories.HOME, "tester")));
    }

    private Inventory load(String file, String text) throws Exception {
        write(file, text);
        return loader().load(java.util.Optional.of(Path.of("ansible:" + file)));
    }

    static Stream<Arguments> badInventories() {
        return Stream.of(
                Arguments.of("hosts.ini", "[web]\nw1\n[web:children]\nnosuch\n",
                        "hosts.ini:4: section [web:children] includes undefined group nosuch"),
                Arguments.of("hosts.ini", "[web]\nw1\n[db:vars]\nx=1\n",
                        "hosts.ini:3: section [db:vars] is not valid for undefined group db"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_port\n",
                        "hosts.ini:2: expected key=value host variable assignment, got: ansible_port"),
                Arguments.of("hosts.ini", "[web]\nw1\n[web:vars]\nansible_user\n",
                        "hosts.ini:4: expected key=value, got: ansible_user"),
                Arguments.of("hosts.ini", "[web:hostz]\nw1\n",
                        "hosts.ini:1: section [web:hostz] has unknown type: hostz (hosts, children or vars)"),
                Arguments.of("hosts.ini", "[web servers]\nw1\n",
                        "hosts.ini:1: invalid section entry '[web servers]'"),
                Arguments.of("hosts.ini", "[web]\nw[01:5]\n",
                        "hosts.ini:2: host range in 'w[01:5]' must specify equal-length begin and end formats"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_user='ops\n",
                        "hosts.ini:2: cannot split host line"),
                Arguments.of("hosts.ini", "[a:children]\nb\n[b:children]\na\n",
                        "hosts.ini:4: adding group 'a' as child of 'b' creates a recursive dependency loop"),
                Arguments.of("hosts.ini", "[web]\nw1:\n",
                        "hosts.ini:2: invalid host pattern 'w1:': ending in ':' is not allowed"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_port=ssh\n",
                        "hosts.ini:2: ansible_port: expected an integer, got a string \"ssh\""),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_port=70000\n",
                        "hosts.ini:2: ansible_port: 70000 is out of range 1..65535"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_ssh_private_key_file=keys/id\n",
                        "hosts.ini:2: ansible_ssh_private_key_file: \"keys/id\" is not a valid path"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_host='{{ inventory_hostname }}.example.com'\n",
                        "hosts.ini:2: ansible_host: \"{{ inventory_hostname }}.example.com\" is a Jinja2 template, "
                                + "which jts-fleet does not evaluate: write the value"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_become=true ansible_become_method=su\n",
                        "hosts.ini:2: ansible_become_method: su: jts-fleet becomes root with sudo -n only"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_become=maybe\n",
                        "hosts.ini:2: ansible_become: \"maybe\" is not a boolean"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_connection=winrm\n",
                        "hosts.ini:2: ansible_connection: winrm is not supported by jts-fleet (ssh or local)"),
                Arguments.of("hosts.ini", "[web]\nw1\n[web:vars]\nansible_ssh_common_args=-o ProxyCommand=\"ssh -W "
                                + "%h:%p -q bastion\"\n",
                        "hosts.ini:4: ansible_ssh_common_args: -o ProxyCommand: jts-fleet runs no local commands; use "
                                + "-J BASTION"),
                Arguments.of("hosts.ini", "[web]\nw1 ansible_ssh_extra_args='-J ops@:22'\n",
                        "hosts.ini:2: ansible_ssh_extra_args: proxy_jump: \"ops@:22\" is not a valid jump host list"),
                Arguments.of("hosts.ini", "[web]\nw:1:2\n", "hosts.ini:2: host name \"w:1:2\" is not a valid name"),
                Arguments.of("inv.yml", "all:\n  hostz:\n    w1:\n",
                        "inv.yml:2: group all: unknown key 'hostz' (hosts, vars, children)"),
                Arguments.of("inv.yml", "plugin: amazon.aws.aws_ec2\nregions: [us-east-1]\n",
                        "inv.yml:1: inventory plugin configuration (amazon.aws.aws_ec2): jts-fleet reads only static "
                                + "inventories; export it with ansible-inventory -i inv.yml --list --yaml > static.yml"),
                Arguments.of("inv.yml", "all:\n  hosts:\n    w1:\n      ansible_user: !vault |\n"
                                + "        $ANSIBLE_VAULT;1.1;AES256\n        3934\n",
                        "inv.yml:4: ansible_user is encrypted with Ansible Vault; jts-fleet never decrypts"),
                Arguments.of("inv.yml", "all:\n  hosts:\n    w1: [a]\n",
                        "inv.yml:3: host w1 must have a mapping of vars or nothing, got a list"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInventories")
    void badInputIsAnErrorNamingFileAndLine(String file, String text, String message) {
        assertThatThrownBy(() -> load(file, text)).isInstanceOf(InventoryException.class)
                .satisfies(e -> assertThat(((InventoryException) e).problems())
                        .anyMatch(p -> p.startsWith(message)));
    }

    @Test
    void aMissingAnsibleInventoryIsNamed() {
        assertThatThrownBy(() -> loader().load(java.util.Optional.of(Path.of("ansible:nowhere/hosts"))))
                .isInstanceOf(InventoryException.class)
                .hasMessage("ansible:nowhere/hosts: Ansible inventory not found (--inventory)");
    }

    @Test
    void anExecutableInventoryScriptIsRefused() throws Exception {
        Path script = write("inventory.py", "#!/usr/bin/env python3\nprint('{}')\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> loader().load(java.util.Optional.of(Path.of("ansible:inventory.py"))))
                .isInstanceOf(InventoryException.class).hasMessage("inventory.py: an executable inventory script: "
                        + "jts-fleet runs no local commands; export it with ansible-inventory -i inventory.py --list "
                        + "--yaml > static.yml");
    }

    @Test
    void sshArgsBecomeJumpHostsAndSettingsAndTheAnsibleVariablesWin() throws Exception {
        Inventory inv = load("hosts.ini", """
                [db]
                db-01 ansible_host=10.0.0.11 ansible_port=2201
                db-02 ansible_host=10.0.0.12

                [db:vars]
                ansible_ssh_common_args='-J ops@bastion:2222 -p 2999 -o StrictHostKeyChecking=no -o ControlMaster=auto'
                ansible_ssh_extra_args="-o ServerAliveInterval=30 -o ConnectTimeout=1m -i ~/.ssh/db -o IdentitiesOnly=yes"
                """);
        HostSpec db1 = inv.host("db-01").orElseThrow();
        assertThat(db1.address()).isEqualTo("10.0.0.11");
        assertThat(db1.port()).isEqualTo(2201);
        assertThat(inv.host("db-02").orElseThrow().port()).isEqualTo(2999);
        assertThat(db1.access().proxyJump()).containsExactly(new JumpHost("ops@bastion:2222", "bastion", 2222, "ops",
                List.of()));
        assertThat(db1.access().strictHostKeys()).contains("accept-new");
        assertThat(db1.access().keepAliveInterval()).contains(Duration.ofSeconds(30));
        assertThat(db1.access().connectTimeout()).contains(Duration.ofMinutes(1));
        assertThat(db1.access().identityFiles()).containsExactly(TestInventories.HOME.resolve(".ssh/db"));
        assertThat(db1.access().identitiesOnly()).isTrue();
        AccessExplanation why = inv.explain("db-01").orElseThrow();
        assertThat(why.lookupName()).isEqualTo("10.0.0.11");
        assertThat(why.setting("address").orElseThrow().origin().describe()).isEqualTo("hosts.ini:2 ansible_host");
        assertThat(why.setting("proxy_jump").orElseThrow().origin().describe())
                .isEqualTo("hosts.ini:6 ansible_ssh_common_args proxy_jump");
        assertThat(why.notes()).contains("hosts.ini:6: ansible_ssh_common_args: -o ControlMaster=auto not used by "
                + "jts-fleet");
    }

    @Test
    void thePolicyFileGivesTiersOverridesPerAnsibleGroupAndDefaultsBelowAnsibleVariables() throws Exception {
        write("hosts.yml", """
                all:
                  children:
                    db:
                      hosts:
                        db-01: {ansible_user: dba}
                        db-02:
                    web:
                      hosts:
                        web-01:
                """);
        Path policy = write("jts-fleet.yaml", """
                defaults:
                  user: ops
                  known_hosts: ~/.ssh/known_hosts.fleet
                  command_timeout: 90s
                """ + HOT_TIER_DB_16 + """
                hosts:
                  db-02:
                    policy:
                      tiers:
                        - name: hot
                          queue: {read_ahead_kb: 8}
                """);
        Inventory inv = loader().withPolicy(policy).load(java.util.Optional.of(Path.of("ansible:hosts.yml")));
        assertThat(inv.source()).isEqualTo("ansible:hosts.yml");
        assertThat(inv.defaults().commandTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(inv.host("db-01").orElseThrow().user()).isEqualTo("dba");
        assertThat(inv.host("web-01").orElseThrow().user()).isEqualTo("ops");
        assertThat(inv.host("web-01").orElseThrow().knownHosts())
                .contains(TestInventories.HOME.resolve(".ssh/known_hosts.fleet"));
        assertThat(inv.host("web-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "128");
        assertThat(inv.host("db-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "16");
        assertThat(inv.host("db-02").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "8");
        assertThat(inv.groups()).containsKeys("db", "web", "ungrouped");
        assertThat(inv.inputs()).contains(dir.resolve("jts-fleet.yaml"), dir.resolve("hosts.yml"));
        assertThat(inv.explain("web-01").orElseThrow().setting("user").orElseThrow().origin().describe())
                .isEqualTo(policy + ":2 defaults.user");
    }

    @Test
    void thePolicyFileIsCheckedLikeAnInventory() throws Exception {
        write("hosts.ini", "[db]\ndb-01\n");
        Path policy = write("jts-fleet.yaml", "groups:\n  dbs: {policy: {}}\nhosts:\n  db-01:\n    user: x\n");
        assertThatThrownBy(() -> loader().withPolicy(policy).load(java.util.Optional.of(Path.of("ansible:hosts.ini"))))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("jts-fleet.yaml:5: hosts.db-01.user: unknown key (allowed: policy)");
        Path policy2 = write("jts-fleet2.yaml", "groups:\n  dbs: {policy: {}}\n");
        assertThatThrownBy(() -> loader().withPolicy(policy2).load(java.util.Optional.of(Path.of("ansible:hosts.ini"))))
                .isInstanceOf(InventoryException.class)
                .hasMessage(policy2 + ":2: groups.dbs: no group 'dbs' in ansible:hosts.ini");
        assertThatThrownBy(() -> loader().withPolicy(policy2).load(java.util.Optional.of(Path.of("hosts.ini"))))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("applies to Ansible inventories (--inventory ansible:PATH)");
    }

    @Test
    void thePolicyMayBeInlineAsVariableJtsFleetOfGroupAllInTheInventoryOrGroupVarsAll() throws Exception {
        Inventory inv = load("hosts.yml", """
                all:
                  vars:
                    jts_fleet:
                      defaults: {user: ops}
                """ + HOT_TIER_DB_16.indent(6) + """
                  children:
                    db:
                      hosts:
                        db-01:
                    web:
                      hosts:
                        web-01:
                """);
        assertThat(inv.host("web-01").orElseThrow().user()).isEqualTo("ops");
        assertThat(inv.host("web-01").orElseThrow().policy().tiers()).extracting(Tier::name).containsExactly("hot");
        assertThat(inv.host("web-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "128");
        assertThat(inv.host("db-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "16");
        assertThat(inv.explain("web-01").orElseThrow().setting("user").orElseThrow().origin().describe())
                .isEqualTo("hosts.yml:4 defaults.user");

        write("inis/hosts.ini", "[db]\ndb-01\n");
        write("inis/group_vars/all.yml", """
                ansible_user: dba
                jts_fleet:
                  groups:
                    db:
                      policy:
                        tiers:
                          - name: hot
                            queue: {read_ahead_kb: 32}
                """);
        Inventory ini = loader().load(java.util.Optional.of(Path.of("ansible:inis/hosts.ini")));
        assertThat(ini.host("db-01").orElseThrow().user()).isEqualTo("dba");
        assertThat(ini.host("db-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "32");
        assertThat(ini.host("db-01").orElseThrow().policy().tier("warm")).as("the embedded tiers stay").isPresent();
    }

    static Stream<Arguments> badInlinePolicies() {
        return Stream.of(
                Arguments.of("group_vars/db.yml", "jts_fleet: {policy: {}}\n",
                        "group_vars/db.yml:1: jts_fleet: jts-fleet's inline policy is read from group all only"),
                Arguments.of("host_vars/db-01.yml", "jts_fleet: {policy: {}}\n",
                        "host_vars/db-01.yml:1: jts_fleet: jts-fleet's inline policy is read from group all only"),
                Arguments.of("group_vars/all.yml", "jts_fleet: fast\n",
                        "group_vars/all.yml:1: jts_fleet: a mapping with the keys of a --policy file (defaults, "
                                + "policy, groups, hosts), got \"fast\" (write it in YAML"),
                Arguments.of("group_vars/all.yml", "jts_fleet:\n  policy:\n    tiers:\n      - name: hot\n"
                                + "        queue: {scheduler: noop}\n",
                        "group_vars/all.yml:5: policy.tiers[0].queue.scheduler: \"noop\" is not one of"),
                Arguments.of("group_vars/all.yml", "jts_fleet:\n  groups:\n    dbs: {policy: {}}\n",
                        "group_vars/all.yml:3: groups.dbs: no group 'dbs' in ansible:hosts.ini"));
    }

    @ParameterizedTest
    @MethodSource("badInlinePolicies")
    void aMisplacedOrBadInlinePolicyIsAnErrorNamingFileAndLine(String file, String text, String message)
            throws Exception {
        write(file, text);
        assertThatThrownBy(() -> load("hosts.ini", "[db]\ndb-01\n"))
                .isInstanceOf(InventoryException.class).hasMessageContaining(message);
    }

    @Test
    void anInlinePolicyInIniOrTwiceOrBesidesPolicyFileIsRefused() throws Exception {
        assertThatThrownBy(() -> load("hosts.ini", "[db]\ndb-01\n[all:vars]\njts_fleet={'policy': {}}\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("hosts.ini:4: jts_fleet: a mapping with the keys of a --policy file")
                .hasMessageContaining("(write it in YAML");
        write("two/group_vars/all.yml", "jts_fleet: {policy: {}}\n");
        write("two/hosts.yml", "all:\n  vars:\n    jts_fleet: {policy: {}}\n  hosts:\n    db-01:\n");
        assertThatThrownBy(() -> loader().load(java.util.Optional.of(Path.of("ansible:two/hosts.yml"))))
                .isInstanceOf(InventoryException.class)
                .hasMessage("two/group_vars/all.yml:1: jts_fleet: also set at two/hosts.yml:3: write jts-fleet's "
                        + "inline policy in one place");
        write("one/hosts.yml", "all:\n  vars:\n    jts_fleet: {policy: {}}\n  hosts:\n    db-01:\n");
        Path policy = write("jts-fleet.yaml", "policy: {}\n");
        assertThatThrownBy(() -> loader().withPolicy(policy).load(java.util.Optional.of(Path.of("ansible:one/hosts.yml"))))
                .isInstanceOf(InventoryException.class)
                .hasMessage("one/hosts.yml:3: jts_fleet: jts-fleet's policy is given twice, inline here and by "
                        + "--policy " + policy + ": keep one");
    }

    @Test
    void aVaultedVarsFileIsSkippedWithANote() throws Exception {
        write("hosts.ini", "[db]\ndb-01\n");
        write("group_vars/db/vars.yml", "ansible_user: dba\n");
        write("group_vars/db/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
        Inventory inv = loader().load(java.util.Optional.of(Path.of("ansible:hosts.ini")));
        assertThat(inv.host("db-01").orElseThrow().user()).isEqualTo("dba");
        assertThat(inv.explain("db-01").orElseThrow().notes()).anyMatch(n -> n.startsWith(
                "group_vars/db/vault.yml: encrypted with Ansible Vault: not read"));
    }

    @Test
    void hostRangesExpandLikeAnsibles() {
        assertThat(HostRange.expand("db[01:03]")).containsExactly("db01", "db02", "db03");
        assertThat(HostRange.expand("web[1:10:4].example.com")).containsExactly("web1.example.com",
                "web5.example.com", "web9.example.com");
        assertThat(HostRange.expand("node-[a:c]-[1:2]")).containsExactly("node-a-1", "node-a-2", "node-b-1",
                "node-b-2", "node-c-1", "node-c-2");
        assertThat(HostRange.expand("h[:2]")).containsExactly("h0", "h1", "h2");
        assertThat(HostRange.expand("plain")).containsExactly("plain");
        assertThatThrownBy(() -> HostRange.expand("h[1:]")).hasMessageContaining("must specify an end value");
        assertThatThrownBy(() -> HostRange.expand("h[c:a]")).hasMessageContaining("must have begin <= end");
        assertThatThrownBy(() -> HostRange.expand("h[1]")).hasMessageContaining("begin:end or begin:end:step");
    }

    @Test
    void sshArgsAreReadLikeSshReadsThem() {
        SshArgs.Parsed p = SshArgs.parse("-C -J a,b -oProxyJump=ignored -o 'User deploy' -i ~/.ssh/k1 "
                + "-o IdentityFile=~/.ssh/k2 -F /etc/ssh/fleet_config -o LogLevel=ERROR -L 8080:localhost:80");
        assertThat(p.keys()).containsEntry("proxy_jump", List.of("a,b"))
                .containsEntry("user", List.of("deploy"))
                .containsEntry("identity_file", List.of("~/.ssh/k1", "~/.ssh/k2"))
                .containsEntry("ssh_config", List.of("/etc/ssh/fleet_config"));
        assertThat(p.ignored()).containsExactly("-o LogLevel=ERROR", "-L 8080:localhost:80");
        assertThatThrownBy(() -> SshArgs.parse("bastion")).hasMessageContaining("'bastion' is not an ssh option");
        assertThatThrownBy(() -> SshArgs.parse("-J")).hasMessageContaining("needs an argument");
    }
}
