package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.List;

import jts.fleet.inventory.Shape.Field;
import jts.fleet.inventory.Shape.Leaf;
import jts.fleet.inventory.Shape.ListOf;
import jts.fleet.inventory.Shape.Named;
import jts.fleet.inventory.Shape.Section;

/**
 * Renders docs/INVENTORY.md from {@link InventorySchema}, so the reference lists exactly the keys, defaults
 * and rules the loader applies. A test fails when the committed file differs from this output.
 */
public final class InventoryReference {
    private InventoryReference() {
    }

    private record Row(String key, String type, String defaultText, String rule, String doc) {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Inventory and policy reference

                <!-- Generated from jts.fleet.inventory.InventorySchema by InventoryReference; do not edit by hand.
                     InventoryReferenceTest fails when this file is stale. Regenerate with:
                     mvn -o -pl inventory test -Dtest=InventoryReferenceTest -Djts.golden.update=true -->

                ## Where the inventory comes from

                The first of these that exists is used:

                1. `--inventory FILE` (an explicit file that does not exist is an error, never a fallback), or
                   `--inventory ansible:PATH` for an Ansible inventory (see "Ansible inventories" below)
                2. `./inventory.yaml` in the current directory
                3. `%s`
                4. the embedded default: one host `local` with `connection: local` and `become: none`, and the
                   embedded JTS policy (`default-policy.yaml`: tiers hot, warm and cold, US trading hours as blackout)

                ## How settings combine

                - Connection keys of a host: `defaults`, then the `vars` of each of its groups in the order the host
                  lists them (a later group wins), then the host's own keys. What the inventory leaves unset comes
                  from the OpenSSH client configuration (`~/.ssh/config`, `/etc/ssh/ssh_config`, or the file named
                  by `ssh_config` or `--ssh-config`), read for the host's name as `ssh -o HostName=ADDRESS
                  -o User=USER NAME` would read it; what that leaves unset takes the defaults listed below. So a host
                  may be just a name (`bar-target: {}`): address, user, port, keys and jump hosts then come from
                  ssh_config as for `ssh bar-target`. `inventory list --explain HOST` shows where each value came from.
                - Policy of a host: `policy` (the embedded JTS policy when the file has no `policy` key), then the
                  `policy` override of each of its groups in the host's group order, then the host's own `policy`
                  override.
                - Overrides merge like this: a tier with a name already in the policy is changed key by key
                  (`queue` and `thresholds` merge per key, `match`, `trim` and `canary` replace); a new tier name
                  is appended after the existing tiers. `maintenance` keys are replaced one by one (a `blackout`
                  list replaces the whole list). `bench.profiles.<profile>` merge per fio option.
                - Paths starting with `~/` are relative to the home directory of the user running jts-fleet.
                - A group exists as soon as a host lists it; `groups.<group>` only adds vars and policy. `all` is
                  reserved, and no name may be both a host and a group.

                ## Errors

                Every problem names the file, the line and the dotted key, and all problems of a file are
                reported at once, one per line, for example:

                    prod.yaml:14: hosts.db-02.port: 70000 is out of range 1..65535
                    prod.yaml:31: policy.tiers[0].queue.scheduler: "noop" is not one of none, mq-deadline, kyber, bfq: blk-mq has no 'noop' (writing it fails with EINVAL); use none

                Unknown keys are errors at every level (the message lists the allowed keys). Duplicate keys, YAML
                aliases and several documents in one file are refused. Device limits (a scheduler missing from a
                device's own list, a zoned device that must keep `mq-deadline`) are checked when a plan is made,
                not when the inventory is loaded.

                An inventory file (like a policy file, an Ansible inventory and its vars files) is UTF-8 text of at
                most 8 MiB with lines of at most 64 KiB characters; a larger file or a longer line is refused
                before it is parsed. A fleet of 10,000 hosts is about 1 MiB; within these bounds the worst file
                loads in about a second.

                ## Host patterns (`--hosts`, `--limit`)

                Terms are separated by `,` or `:`. A term is `all` (or `*`), a host, a group, or a glob over host
                and group names (`db-*`, `db-0?`, `db-0[12]`). `&term` intersects, `!term` excludes. Plain terms
                are united first, then intersections apply, then exclusions, whatever the written order
                (`prod:&hot:!db-03`). A pattern of only `&`/`!` terms starts from all hosts. A plain name that is
                neither a host nor a group is an error, and so is a pattern that selects no host. `--limit P`
                intersects the selection with pattern `P`. Hosts are listed in inventory order.

                ## Keys

                `<host>`, `<group>` and `<profile>` stand for names you choose; `[]` marks the items of a list.

                | key | type | default | rule | meaning |
                |---|---|---|---|---|
                """.formatted(InventoryLoader.SYSTEM_INVENTORY));
        List<Row> rows = new ArrayList<>();
        section(InventorySchema.root(), "", rows);
        for (Row r : rows) {
            out.append("| `").append(r.key()).append("` | ").append(cell(r.type())).append(" | ")
                    .append(cell(r.defaultText())).append(" | ").append(cell(r.rule())).append(" | ")
                    .append(cell(r.doc())).append(" |\n");
        }
        out.append(ACCESS);
        out.append(ANSIBLE);
        rows.clear();
        section(InventorySchema.policyFile(), "", rows);
        out.append("| key | type | default | rule | meaning |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| `").append(r.key()).append("` | ").append(cell(r.type())).append(" | ")
                    .append(cell(r.defaultText())).append(" | ").append(cell(r.rule())).append(" | ")
                    .append(cell(r.doc())).append(" |\n");
        }
        out.append("\n## The embedded JTS policy (`default-policy.yaml`)\n\n")
                .append("Used when an inventory has no `policy` key. Its comments give the reasons for each value.\n\n")
                .append("```yaml\n").append(InventoryLoader.resource(InventoryLoader.DEFAULT_POLICY_RESOURCE))
                .append("```\n");
        out.append("\n## The embedded default inventory (`default-inventory.yaml`)\n\n")
                .append("```yaml\n").append(InventoryLoader.resource(InventoryLoader.DEFAULT_INVENTORY_RESOURCE))
                .append("```\n");
        return out.toString();
    }

    /** The inventory of the worked bastion example (a test loads it). */
    static final String BASTION_EXAMPLE = """
            defaults:
              ssh_config: none        # everything comes from this file
              user: jts
              become: sudo
              proxy_jump: bastion
            hosts:
              bastion: {address: bastion.prod.example.com, user: ops, proxy_jump: none, become: none}
              inner:   {address: inner.prod.example.com, user: ops, become: none}
              db-01:   {address: db-01.prod.example.com, groups: [prod]}
              db-02:   {address: db-02.prod.example.com, groups: [prod]}
              db-03:   {address: db-03.prod.example.com, port: 2222, groups: [prod]}
              db-04:   {address: db-04.prod.example.com, proxy_jump: "bastion,inner", groups: [prod]}
            """;

    private static final String ACCESS = """

            ## How hosts are reached: inventory, ssh_config, defaults

            Every connection value of a host is decided once, at load time, and `jts-fleet inventory list --explain
            HOST` (`-o json` for scripts) shows each effective value with where it came from: an inventory
            `file:line key`, an ssh_config `file:line Keyword`, an Ansible `file:line variable`, the command line, or
            the default.

            1. **The inventory**: the host's own key, else its groups' `vars` (a later group wins), else `defaults`.
            2. **The OpenSSH client configuration**, for what the inventory leaves unset. It is read like `ssh`
               reads it: `~/.ssh/config` then `/etc/ssh/ssh_config`, or only the file named by `ssh_config` (a
               host, group or defaults key) or by `--ssh-config FILE` (every command; it wins over the inventory's
               choice, like `ssh -F`); `none` reads nothing. It is consulted for the host's **name**, as
               `ssh -o HostName=ADDRESS -o User=USER NAME` would consult it: `Host` patterns match the inventory
               name, `Match host` sees the inventory's address, `Match user` its user.
            3. **jts-fleet's defaults** (the "default" column above): port 22, the local user name, OpenSSH's
               default keys and agent (`$SSH_AUTH_SOCK`), `~/.ssh/known_hosts` (plus OpenSSH's global files
               `/etc/ssh/ssh_known_hosts{,2}`, read only), a direct connection.

            A list from the inventory (`identity_file`, `certificate_file`) replaces the configuration's list; it
            is not merged with it. A host entry may be just a name (`bar-target: {}`): address, user, port, keys
            and jump hosts then come from ssh_config exactly as for `ssh bar-target`.

            ### What is read from ssh_config

            `Host` and `Match` blocks (OpenSSH 9.2 semantics, checked against `ssh -G` by the tests): `Host`
            patterns with `*`, `?` and `!`, case-sensitive, several separated by spaces; `Match` with `host`,
            `originalhost`, `user`, `localuser`, `all`, `canonical`, `final` (comma lists, `!`, case-insensitive
            host names); the first value obtained wins (`IdentityFile` and `CertificateFile` accumulate);
            `Include` with globs, relative to `~/.ssh` (or `/etc/ssh` for the system file), also inside blocks;
            `Match final` and `CanonicalizeHostname` re-read the files with the `HostName` (no DNS lookup).
            Keywords used: `HostName` (`%h`), `User`, `Port`, `IdentityFile`, `IdentityAgent`, `IdentitiesOnly`,
            `CertificateFile`, `ProxyJump`, `UserKnownHostsFile`, `GlobalKnownHostsFile`,
            `StrictHostKeyChecking`, `ConnectTimeout`, `ServerAliveInterval`, `HostKeyAlias` (for `%k`). Paths
            expand `~`, `${VAR}` and the tokens `%C %d %h %i %k %L %l %n %p %r %u %%` as `ssh` expands them.

            How values map to what jts-fleet does: `StrictHostKeyChecking ask` is `yes` (jts-fleet never
            prompts), `no`/`off` are `accept-new` (a changed key is never accepted); `ConnectTimeout none` and
            `ServerAliveInterval 0` keep jts-fleet's own deadline and keepalive; the first `UserKnownHostsFile`
            is the one `--accept-new-host-keys` writes, the others and `GlobalKnownHostsFile` are only read;
            `IdentityAgent SSH_AUTH_SOCK` is the default agent, `$VAR` an environment variable (unset: no agent).

            Refused, with the `file:line`: a line `ssh` refuses (bad value, unclosed quote, extra arguments, bad
            `Match`), wherever it stands; a user file or included file writable by others (`ssh` refuses it too);
            `ProxyCommand` where it applies and the inventory sets no `proxy_jump` (jts-fleet runs no local
            commands: write `ProxyJump BASTION` for `ProxyCommand ssh -W %h:%p BASTION`); `Match exec` where it
            must be evaluated and its block sets a keyword jts-fleet reads (a block that sets none is skipped with a
            note). **Unknown keywords are ignored** with a note in `--explain` (and a debug line in the log with
            `-v` or `--log-file`, as `ssh -v` prints its `debug1` lines), whether or not `IgnoreUnknown` lists them:
            `ssh` refuses them unless `IgnoreUnknown` does, but the file belongs to the user's `ssh`, which may be
            newer (`Tag`, `RefuseConnection`) or vendor-patched (`UseKeychain`) — refusing would stop jts-fleet
            where `ssh` works, and a keyword jts-fleet does not read cannot change how it connects. A near-miss of
            a keyword jts-fleet reads says "did you mean". The other keywords of OpenSSH's client (`ForwardAgent`,
            `Ciphers`, `ControlMaster`, `SendEnv`, ...) are valid for `ssh` and ignored by jts-fleet without a
            note: its algorithms, connection sharing and sessions are its own.

            ### Jump hosts

            `proxy_jump: ops@bastion:2222,inner` (or ssh_config `ProxyJump`; `none` turns a configured one off)
            lists hops in connection order. Each hop is resolved like `ssh -J` resolves it: a hop that names
            another **inventory host** takes that host's address, port, user and keys; otherwise the hop is looked
            up in **ssh_config** (its `HostName`, `Port`, `User`, `IdentityFile`); `user@` and `:port` written in
            the hop win. The first hop's own jump hosts are followed (as `ssh` does), loops are errors. Every hop's
            host key is checked against the target's known_hosts files.

            ### What the connection does with these values

            - **Authentication**, in OpenSSH's order: the agent's identities (`identity_agent`, else
              `$SSH_AUTH_SOCK`), then the `identity_file`s in order (none set: `~/.ssh/id_ed25519`, `id_ecdsa`,
              `id_rsa` in the `~/.ssh` OpenSSH uses), each followed by `KEY-cert.pub`, then the `certificate_file`s.
              `identities_only` keeps only the configured files, agent keys included. An encrypted key file's
              passphrase is asked once per run on the terminal, only when a server accepts the key; without a
              terminal the host fails naming the key and `ssh-add`. A private key file of the user's that group or
              others can access is refused like OpenSSH ("UNPROTECTED PRIVATE KEY FILE").
            - **Host keys**: every `known_hosts` file is read with OpenSSH's semantics (patterns with `*`, `?`, `!`,
              `[host]:port`, hashed names), `@revoked` lines win over everything else, `@cert-authority` lines
              vouch for host certificates (host type, a principal equal to `address`, validity, CA signature).
              accept-new records in the first file (created 0600, its directory 0700) and says so on stderr.
            - **Jump hosts**: a hop logs in with the host's agent and its own keys (OpenSSH's defaults when it has
              none), under the host's `identities_only`; all hosts behind a hop share one connection to it per
              run, each through its own forwarding channel; a failing hop fails its hosts with the hop named.

            ### A bastion fleet in the inventory alone, worked through

            The database hosts sit in a network only `bastion` reaches (`db-04` only through `inner`, which only
            the bastion reaches); their sshd presents host certificates signed by the fleet's host CA; the
            operator's key is in ssh-agent (`$SSH_AUTH_SOCK`), so no key file is named; ssh_config is not read:

            ```yaml
            """ + BASTION_EXAMPLE + """
            ```

            `~/.ssh/known_hosts` trusts the CA for the whole domain, vouches for the bastions by their plain
            keys, and revokes the key of a host that was compromised (whatever other line names it):

            ```
            @cert-authority *.prod.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...host-ca
            bastion.prod.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...bastion
            inner.prod.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...inner
            @revoked * ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...old-db-02
            ```

            `jts-fleet status -H prod` then opens **one** connection to `bastion` (as `ops`, with the agent's
            keys; its key checked against the plain line), one connection to `inner` through it, and one
            forwarding channel per database host on them; each database host's certificate is checked against the
            CA line (type host, a principal equal to its address, validity, signature). With `--forks 32` that is
            one TCP connection from the controller (to the bastion) instead of one per host. A host whose
            certificate expired or names another host fails alone (`host_key`, with what was wrong); a host
            presenting the revoked key fails alone with `REVOKED host key`; a bastion that cannot be reached fails
            the hosts behind it with `jump host bastion (ops@bastion.prod.example.com:22): ...` (see
            TROUBLESHOOTING.md).

            """;


    private static final String ANSIBLE = """
            ## Ansible inventories (`--inventory ansible:PATH`)

            jts-fleet reads an existing Ansible inventory instead of a second copy of the fleet: an INI or YAML
            file (a file without extension is tried as YAML, then INI, like ansible-core 2.14), or a directory of
            them (name order; `.ini`, `.cfg`, `.retry`, `.md`, `.txt`, ... and hidden files skipped, as Ansible
            does), with `group_vars/` and `host_vars/` beside it (`NAME`, `NAME.yml`, `NAME.yaml`, `NAME.json`, or
            every file under `NAME/`). Groups, `children`, `[group:vars]`/`vars`, host ranges (`db[01:03]`,
            `[a:c]`, `[1:9:2]`) and `host:port` are read as Ansible reads them, and the variables merge with
            Ansible's precedence: `all`'s inventory vars, the other groups' (by depth, `ansible_group_priority`,
            name), `group_vars/all`, `group_vars/GROUP`, the host's inventory vars, `host_vars/HOST`. The tests
            compare hosts, group members, variables and pattern selections with `ansible-inventory --list` and
            `ansible --list-hosts`.

            Host patterns work on the Ansible groups: a group includes its children's hosts, `all` is every host,
            `ungrouped` the hosts in no other group. jts-fleet lists selected hosts in inventory order (Ansible
            in the order of the pattern's terms).

            | Ansible variable | jts-fleet setting |
            |---|---|
            | `ansible_host` (`ansible_ssh_host`) | the name given to ssh: ssh_config is read for it, its `HostName` applies, as Ansible's `ssh ANSIBLE_HOST` does |
            | `ansible_port` (`ansible_ssh_port`), `ansible_user` (`ansible_ssh_user`) | `port`, `user` |
            | `ansible_ssh_private_key_file` (`ansible_private_key_file`) | `identity_file` (absolute or `~/`) |
            | `ansible_connection` | `local` → `connection: local`; `ssh`, `smart`, `paramiko` → ssh; others refused |
            | `ansible_become` | `become: sudo` (only with `ansible_become_method: sudo` and `ansible_become_user: root`) or `none` |
            | `ansible_ssh_common_args`, `ansible_ssh_extra_args` | `-J` and `-o ProxyJump=` → `proxy_jump`; `-F` → `ssh_config`; `-i`, `-p`, `-l` and `-o` IdentityFile, CertificateFile, Port, User, IdentitiesOnly, IdentityAgent, StrictHostKeyChecking, UserKnownHostsFile, ConnectTimeout, ServerAliveInterval; below the variables above, as Ansible passes those first; other options are noted as not used; `-o ProxyCommand` is refused |

            Refused with `file:line`: a syntax error of either format, `[group:vars]` or `[group:children]` naming
            a group never declared, unknown keys in a YAML group (Ansible only warns and drops the hosts), a
            variable jts-fleet needs that is a Jinja2 template or vaulted (jts-fleet neither evaluates nor
            decrypts), a value the matching inventory key would refuse (`ansible_port=ssh`), host or group names
            that patterns cannot tell apart (with `:`, or a host named like a group), executable inventory scripts
            and inventory plugin configurations (export them: `ansible-inventory -i SRC --list --yaml >
            static.yml`). A vaulted vars file is skipped with a note; password variables are noted as not used.

            ### jts-fleet's policy for an Ansible inventory (`--policy FILE` or inline `jts_fleet`)

            The tier policy and jts-fleet's own settings come from one YAML document, given either way:

            - **a separate file**, `--policy FILE`: the Ansible inventory stays as other tools know it;
            - **inline**, as the variable `jts_fleet` of group `all` (`all: vars: jts_fleet:` in a YAML
              inventory, or `jts_fleet:` in `group_vars/all.yml`), holding the same keys. Ansible sees an
              ordinary variable (`ansible-inventory --list` shows it) and ignores it.

            jts-fleet reads the document from that one place, never through Ansible's variable merging: a
            later group's value would replace the whole mapping, where jts-fleet merges tiers key by key. So
            `jts_fleet` set on another group or host, set both in the inventory and in `group_vars/all`, written
            in INI (a string, not a mapping), or given inline and by `--policy` together is an error naming the
            `file:line`; per-group and per-host overrides go under its `groups:` and `hosts:` keys. Without
            either, the embedded JTS policy applies. Its keys (`groups` and `hosts` must name Ansible groups and
            hosts):

            """;

    private static void section(Section section, String path, List<Row> rows) {
        for (Field f : section.fields()) {
            String key = InventorySchema.join(path, f.key());
            Shape shape = f.shape();
            if (f.sameAs() != null) {
                rows.add(new Row(key, "mapping", f.defaultText(), "same keys as `" + f.sameAs() + "`", f.doc()));
            } else if (shape instanceof Leaf leaf) {
                rows.add(new Row(key, leaf.rule().type(), f.defaultText(), leaf.rule().rule(), f.doc()));
            } else if (shape instanceof Section s) {
                rows.add(new Row(key, "mapping", f.defaultText(), "keys below", f.doc()));
                section(s, key, rows);
            } else if (shape instanceof Named named) {
                rows.add(new Row(key, "mapping of names", f.defaultText(), named.placeholder().replaceAll("[<>]", "")
                        + " names: " + named.nameRule().rule(), f.doc()));
                String child = key + "." + named.placeholder();
                if (named.value() instanceof Section s) {
                    section(s, child, rows);
                }
            } else if (shape instanceof Shape.OneOrList oneOrList) {
                rows.add(new Row(key, oneOrList.item().rule().type() + " or list of " + oneOrList.item().rule().type(),
                        f.defaultText(), oneOrList.item().rule().rule(), f.doc()));
            } else if (shape instanceof ListOf list) {
                if (list.item() instanceof Leaf leaf) {
                    rows.add(new Row(key, "list of " + leaf.rule().type(), f.defaultText(), leaf.rule().rule(),
                            f.doc()));
                } else if (list.item() instanceof Section s) {
                    rows.add(new Row(key, "list of mappings", f.defaultText(), "keys below", f.doc()));
                    section(s, key + "[]", rows);
                }
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
