package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.source.InventoryException;

/**
 * Every kind of bad inventory yields a message naming file, line and dotted key. Each case is a small file
 * whose bad value sits on a known line, so the line numbers are really checked.
 */
class InventoryValidationTest {
    private static final String HOST = "hosts:\n  db-01:\n    address: 10.0.0.1\n";
    private static final String CONNECTION_KEYS = "user, port, identity_file, identity_agent, identities_only, certificate_file, proxy_jump, ssh_config, known_hosts, strict_host_key_checking, connect_timeout, keepalive_interval, become, connection, sysroot";

    static Stream<Arguments> badInventories() {
        return Stream.of(
                bad("YAML syntax error", "hosts:\n  db-01: {address: 10.0.0.1\n  db-02: {}\n",
                        "bad.yaml:3: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping started at line 2)"),
                bad("tab indentation", "hosts:\n  db-01:\n\taddress: a\n",
                        "bad.yaml:3: YAML syntax error: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                bad("unclosed quote", "hosts:\n  db-01: {address: \"a}\n",
                        "bad.yaml:3: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started at line 2)"),
                bad("colon in a plain value", HOST + "    user: a: b\n",
                        "bad.yaml:4: YAML syntax error: mapping values are not allowed here"),
                bad("duplicate key", "hosts:\n  db-01: {address: a}\n  db-01: {address: b}\n",
                        "bad.yaml:3: duplicate key 'db-01' (an earlier one in the same mapping would be silently replaced)"),
                bad("alias", "defaults: &d {port: 22}\nhosts:\n  db-01: *d\n",
                        "bad.yaml:3: YAML alias '*d' is not supported: write the value out (use groups and defaults to share settings)"),
                bad("second document", HOST + "---\nhosts: {}\n",
                        "bad.yaml:5: a second YAML document ('---') is not allowed: one file holds one inventory"),
                bad("root not a mapping", "- db-01\n", "bad.yaml:1: expected a mapping, got a list"),
                bad("no hosts key", "defaults: {port: 22}\n", "bad.yaml:1: missing required key 'hosts'"),
                bad("empty hosts", "hosts: {}\n", "bad.yaml:1: hosts: no hosts defined"),
                bad("unknown top-level key", HOST + "polcy: {}\n",
                        "bad.yaml:4: polcy: unknown key (did you mean 'policy'?) (allowed: defaults, hosts, groups, policy)"),
                bad("unknown host key", HOST + "    prot: 22\n",
                        "bad.yaml:4: hosts.db-01.prot: unknown key (did you mean 'port'?) (allowed: address, "
                                + CONNECTION_KEYS + ", groups, policy)"),
                bad("unknown defaults key", "defaults:\n  usr: jts\n" + HOST,
                        "bad.yaml:2: defaults.usr: unknown key (did you mean 'user'?) (allowed: " + CONNECTION_KEYS
                                + ", command_timeout, run_timeout, max_output, max_document_output, confirm_above, change_file,"
                                + " change_file_max_size, change_file_keep)"),
                bad("unknown match key", HOST + "policy:\n  tiers:\n    - name: hot\n      match: {class: [nvme]}\n",
                        "bad.yaml:7: policy.tiers[0].match.class: unknown key (did you mean 'classes'?) (allowed: classes, devices, mounts)"),
                bad("unknown maintenance key", HOST + "policy:\n  maintenance:\n    blackouts: []\n",
                        "bad.yaml:6: policy.maintenance.blackouts: unknown key (did you mean 'blackout'?) (allowed: blackout, trim_schedule, health_poll_minutes)"),
                bad("sysroot with a quote", "defaults: {sysroot: \"/srv/it's\"}\n" + HOST,
                        "bad.yaml:1: defaults.sysroot: \"/srv/it's\" is not a valid path (absolute, only letters, digits, `.`,"
                                + " `_`, `+`, `-` between the `/`s, as the host scripts take it; no `.`/`..` components)"),
                bad("output cap below the minimum", "defaults: {max_output: 1k}\n" + HOST,
                        "bad.yaml:1: defaults.max_output: size '1k' is below the minimum of 64k"),
                bad("output cap not a size", "defaults: {max_document_output: lots}\n" + HOST,
                        "bad.yaml:1: defaults.max_document_output: invalid size 'lots': expected a number of bytes with an"
                                + " optional unit k, m or g, e.g. 512k, 4m"),
                bad("run deadline zero", "defaults: {run_timeout: 0s}\n" + HOST,
                        "bad.yaml:1: defaults.run_timeout: invalid duration '0s': must be above zero"),
                bad("port out of range", HOST + "    port: 70000\n",
                        "bad.yaml:4: hosts.db-01.port: 70000 is out of range 1..65535"),
                bad("port as text", HOST + "    port: \"22\"\n",
                        "bad.yaml:4: hosts.db-01.port: expected an integer, got a string \"22\""),
                bad("port as list", HOST + "    port: [22]\n", "bad.yaml:4: hosts.db-01.port: expected an integer, got a list"),
                bad("jump host without host", HOST + "    proxy_jump: \"ops@:22\"\n",
                        "bad.yaml:4: hosts.db-01.proxy_jump: \"ops@:22\" is not a valid jump host list: hop 'ops@:22' has no host"),
                bad("jump host with a bad port", "defaults:\n  proxy_jump: bastion:0\n" + HOST,
                        "bad.yaml:2: defaults.proxy_jump: \"bastion:0\" is not a valid jump host list: hop 'bastion:0' has a bad port '0' (1..65535)"),
                bad("jump host list with an empty hop", HOST + "    proxy_jump: a,,b\n",
                        "bad.yaml:4: hosts.db-01.proxy_jump: \"a,,b\" is not a valid jump host list: hop '' has no host"),
                bad("agent relative path", HOST + "    identity_agent: agent.sock\n",
                        "bad.yaml:4: hosts.db-01.identity_agent: \"agent.sock\" is not a valid agent socket (`none` (no agent), `SSH_AUTH_SOCK`, `$VARIABLE`, or an absolute or `~/` socket path)"),
                bad("ssh_config relative path", HOST + "    ssh_config: ssh/config\n",
                        "bad.yaml:4: hosts.db-01.ssh_config: \"ssh/config\" is not a valid path (`none`, or an absolute or `~/` path)"),
                bad("strict host key checking no", HOST + "    strict_host_key_checking: \"no\"\n",
                        "bad.yaml:4: hosts.db-01.strict_host_key_checking: \"no\" is not one of yes, accept-new"),
                bad("identities_only as text", HOST + "    identities_only: only\n",
                        "bad.yaml:4: hosts.db-01.identities_only: expected true or false, got a string \"only\""),
                bad("identity files empty list", HOST + "    identity_file: []\n",
                        "bad.yaml:4: hosts.db-01.identity_file: an empty list: leave the key out instead"),
                bad("identity files with a relative one", HOST + "    identity_file: [~/.ssh/a, b]\n",
                        "bad.yaml:4: hosts.db-01.identity_file[1]: \"b\" is not a valid path (absolute or starting with `~/` (the controller user's home))"),
                bad("certificate with ..", HOST + "    certificate_file: ~/../c.pub\n",
                        "bad.yaml:4: hosts.db-01.certificate_file: \"~/../c.pub\" must not contain '.' or '..' components"),
                bad("keepalive as a number", "groups:\n  prod:\n    vars: {keepalive_interval: 15}\n" + HOST,
                        "bad.yaml:3: groups.prod.vars.keepalive_interval: expected a duration such as \"10s\", got an integer 15"),
                bad("address with a space", "hosts:\n  db-01: {address: \"10.0.0.1; rm -rf /\"}\n",
                        "bad.yaml:2: hosts.db-01.address: \"10.0.0.1; rm -rf /\" is not a valid address (host name, IPv4 or IPv6 address (no brackets, no port))"),
                bad("become", HOST + "    become: root\n",
                        "bad.yaml:4: hosts.db-01.become: \"root\" is not one of sudo, none"),
                bad("connection", HOST + "    connection: winrm\n",
                        "bad.yaml:4: hosts.db-01.connection: \"winrm\" is not one of ssh, local"),
                bad("host name with a pattern character", "hosts:\n  db:01: {address: a}\n",
                        "bad.yaml:2: hosts.db:01: host name \"db:01\" is not a valid name (letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 63 characters)"),
                bad("relative identity file", HOST + "    identity_file: keys/id\n",
                        "bad.yaml:4: hosts.db-01.identity_file: \"keys/id\" is not a valid path (absolute or starting with `~/` (the controller user's home))"),
                bad("sysroot with ..", HOST + "    sysroot: /srv/../etc\n",
                        "bad.yaml:4: hosts.db-01.sysroot: \"/srv/../etc\" must not contain '.' or '..' components"),
                bad("bad timeout", "defaults:\n  connect_timeout: 10\n" + HOST,
                        "bad.yaml:2: defaults.connect_timeout: expected a duration such as \"10s\", got an integer 10"),
                bad("timeout unit", "defaults:\n  command_timeout: 10sec\n" + HOST,
                        "bad.yaml:2: defaults.command_timeout: invalid duration '10sec': expected a number with a unit ms, s, m or h, e.g. 500ms, 2s, 1m30s, 1h"),
                bad("command timeout on a host", HOST + "    command_timeout: 5s\n",
                        "bad.yaml:4: hosts.db-01.command_timeout: unknown key (allowed: address, " + CONNECTION_KEYS
                                + ", groups, policy)"),
                bad("group vars unknown key", HOST + "groups:\n  prod:\n    vars: {address: x}\n",
                        "bad.yaml:6: groups.prod.vars.address: unknown key (allowed: " + CONNECTION_KEYS + ")"),
                bad("host and group share a name", HOST + "    groups: [db-01]\n",
                        "bad.yaml:2: hosts.db-01: 'db-01' is also a group name; patterns could not tell them apart"),
                bad("group all", HOST + "    groups: [all]\n",
                        "bad.yaml:4: hosts.db-01.groups: 'all' is reserved for every host"),
                bad("group listed twice", HOST + "    groups: [prod, prod]\n",
                        "bad.yaml:4: hosts.db-01.groups: group 'prod' listed twice"),
                bad("unknown device class", HOST + "policy:\n  tiers:\n    - name: hot\n      match: {classes: [nvme, optane]}\n",
                        "bad.yaml:7: policy.tiers[0].match.classes[1]: \"optane\" is not one of nvme, ssd, hdd, virtual, loop, ram, dm, md, network"),
                bad("unknown queue attribute", HOST + "policy:\n  tiers:\n    - name: hot\n      queue:\n        scheduler: none\n        iosched_quantum: 4\n",
                        "bad.yaml:9: policy.tiers[0].queue.iosched_quantum: unknown key (allowed: scheduler, read_ahead_kb, "
                                + "nr_requests, rq_affinity, nomerges, add_random, wbt_lat_usec, max_sectors_kb, write_cache, max_ratio)"),
                bad("noop scheduler", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {scheduler: noop}\n",
                        "bad.yaml:7: policy.tiers[0].queue.scheduler: \"noop\" is not one of none, mq-deadline, kyber, bfq: "
                                + "blk-mq has no 'noop' (writing it fails with EINVAL); use none"),
                bad("deadline scheduler", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {scheduler: deadline}\n",
                        "bad.yaml:7: policy.tiers[0].queue.scheduler: \"deadline\" is not one of none, mq-deadline, kyber, bfq: "
                                + "blk-mq renamed it; use mq-deadline"),
                bad("cfq scheduler", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {scheduler: cfq}\n",
                        "bad.yaml:7: policy.tiers[0].queue.scheduler: \"cfq\" is not one of none, mq-deadline, kyber, bfq: "
                                + "cfq was removed with the legacy block layer; use bfq or mq-deadline"),
                bad("unknown mount option", HOST + "policy:\n  tiers:\n    - name: cold\n      mount_options: [hard, \"nconect>=4\"]\n",
                        "bad.yaml:7: policy.tiers[0].mount_options[1]: \"nconect>=4\": unknown mount option \"nconect\" (did you mean 'nconnect'?)"),
                bad("mount option comparison on a word", HOST + "policy:\n  tiers:\n    - name: cold\n      mount_options: [\"proto>=4\"]\n",
                        "bad.yaml:7: policy.tiers[0].mount_options[0]: \"proto>=4\": proto is not numeric: use proto=VALUE, not >="),
                bad("read-ahead range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue:\n        read_ahead_kb: 131072\n",
                        "bad.yaml:8: policy.tiers[0].queue.read_ahead_kb: 131072 is out of range 0..65536"),
                bad("nr_requests range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {nr_requests: 2}\n",
                        "bad.yaml:7: policy.tiers[0].queue.nr_requests: 2 is out of range 4..65536"),
                bad("rq_affinity range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {rq_affinity: 3}\n",
                        "bad.yaml:7: policy.tiers[0].queue.rq_affinity: 3 is out of range 0..2"),
                bad("nomerges range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {nomerges: -1}\n",
                        "bad.yaml:7: policy.tiers[0].queue.nomerges: -1 is out of range 0..2"),
                bad("add_random range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {add_random: 2}\n",
                        "bad.yaml:7: policy.tiers[0].queue.add_random: 2 is out of range 0..1"),
                bad("wbt range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {wbt_lat_usec: -2}\n",
                        "bad.yaml:7: policy.tiers[0].queue.wbt_lat_usec: -2 is out of range -1..10000000"),
                bad("max_sectors range", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {max_sectors_kb: 0}\n",
                        "bad.yaml:7: policy.tiers[0].queue.max_sectors_kb: 0 is out of range 4..65536"),
                bad("write_cache value", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {write_cache: writeback}\n",
                        "bad.yaml:7: policy.tiers[0].queue.write_cache: \"writeback\" is not one of write back, write through"),
                bad("read-ahead as float", HOST + "policy:\n  tiers:\n    - name: hot\n      queue: {read_ahead_kb: 1.5}\n",
                        "bad.yaml:7: policy.tiers[0].queue.read_ahead_kb: expected an integer, got a number 1.5"),
                bad("tier without name", HOST + "policy:\n  tiers:\n    - match: {classes: [nvme]}\n",
                        "bad.yaml:6: policy.tiers[0]: missing required key 'name'"),
                bad("duplicate tier names", HOST + "policy:\n  tiers:\n    - name: hot\n    - name: warm\n    - name: hot\n",
                        "bad.yaml:8: policy.tiers[2].name: duplicate tier name 'hot' (first at line 6)"),
                bad("tier name upper case", HOST + "policy:\n  tiers:\n    - name: Hot\n",
                        "bad.yaml:6: policy.tiers[0].name: \"Hot\" is not a valid name (lower-case letters, digits, `_`, `-`; at most 32 characters)"),
                bad("trim not a boolean", HOST + "policy:\n  tiers:\n    - name: hot\n      trim: weekly\n",
                        "bad.yaml:7: policy.tiers[0].trim: expected true or false, got a string \"weekly\""),
                bad("mount not absolute", HOST + "policy:\n  tiers:\n    - name: hot\n      match:\n        mounts:\n          - /var/lib/pg\n          - data\n",
                        "bad.yaml:10: policy.tiers[0].match.mounts[1]: \"data\" is not a valid path (absolute, no `//`, no trailing `/`, no control characters, no `.`/`..` components)"),
                bad("device glob with a slash", HOST + "policy:\n  tiers:\n    - name: hot\n      match: {devices: [\"/dev/nvme0n1\"]}\n",
                        "bad.yaml:7: policy.tiers[0].match.devices[0]: \"/dev/nvme0n1\" is not a valid kernel name glob (kernel device name with `*`, `?`, `[...]`; no `/`)"),
                bad("warn above crit", HOST + "policy:\n  tiers:\n    - name: hot\n      thresholds:\n        read_await_ms: {warn: 9, crit: 5}\n",
                        "bad.yaml:8: policy.tiers[hot].thresholds.read_await_ms: warn 9 is above crit 5"),
                bad("threshold negative", HOST + "policy:\n  tiers:\n    - name: hot\n      thresholds:\n        flush_await_ms: {warn: -1}\n",
                        "bad.yaml:8: policy.tiers[0].thresholds.flush_await_ms.warn: -1 is out of range 0..600000"),
                bad("percent above 100", HOST + "policy:\n  tiers:\n    - name: hot\n      thresholds:\n        filesystem_full_pct: {crit: 101}\n",
                        "bad.yaml:8: policy.tiers[0].thresholds.filesystem_full_pct.crit: 101 is out of range 0..100"),
                bad("unknown threshold", HOST + "policy:\n  tiers:\n    - name: hot\n      thresholds:\n        util_pct: {warn: 90}\n",
                        "bad.yaml:8: policy.tiers[0].thresholds.util_pct: unknown key (allowed: read_await_ms, write_await_ms, "
                                + "flush_await_ms, canary_p99_ms, trim_overdue_days, filesystem_full_pct)"),
                bad("blackout day", HOST + "policy:\n  maintenance:\n    blackout:\n      - {days: [mon, fry], from: \"07:00\", to: \"22:30\", timezone: UTC}\n",
                        "bad.yaml:7: policy.maintenance.blackout[0].days[1]: \"fry\" is not one of mon, tue, wed, thu, fri, sat, sun"),
                bad("blackout time", HOST + "policy:\n  maintenance:\n    blackout:\n      - days: [mon]\n        from: \"7am\"\n        to: \"22:30\"\n        timezone: UTC\n",
                        "bad.yaml:8: policy.maintenance.blackout[0].from: \"7am\" is not a time HH:MM between 00:00 and 23:59"),
                bad("blackout hour 24", HOST + "policy:\n  maintenance:\n    blackout:\n      - {days: [mon], from: \"07:00\", to: \"24:00\", timezone: UTC}\n",
                        "bad.yaml:7: policy.maintenance.blackout[0].to: \"24:00\" is not a time HH:MM between 00:00 and 23:59"),
                bad("blackout missing timezone", HOST + "policy:\n  maintenance:\n    blackout:\n      - {days: [mon], from: \"07:00\", to: \"22:30\"}\n",
                        "bad.yaml:7: policy.maintenance.blackout[0]: missing required key 'timezone'"),
                bad("unknown time zone", HOST + "policy:\n  maintenance:\n    blackout:\n      - {days: [mon], from: \"07:00\", to: \"22:30\", timezone: America/NewYork}\n",
                        "bad.yaml:7: policy.maintenance.blackout[0].timezone: \"America/NewYork\" is not a known time zone (use an IANA name such as America/New_York or UTC)"),
                bad("empty blackout window", HOST + "policy:\n  maintenance:\n    blackout:\n      - {days: [mon], from: \"07:00\", to: \"07:00\", timezone: UTC}\n",
                        "bad.yaml:7: policy.maintenance.blackout[0]: from and to are both 07:00: the window would be empty (for a whole day use 00:00 to 23:59)"),
                bad("blackout not a list", HOST + "policy:\n  maintenance:\n    blackout: {days: [mon]}\n",
                        "bad.yaml:6: policy.maintenance.blackout: expected a list, got a mapping"),
                bad("trim schedule", HOST + "policy:\n  maintenance:\n    trim_schedule: \"Sat 03:00; reboot\"\n",
                        "bad.yaml:6: policy.maintenance.trim_schedule: \"Sat 03:00; reboot\" is not a valid calendar expression "
                                + "(systemd OnCalendar syntax ending in a time zone, e.g. `Sat *-*-* 03:00:00 UTC`)"),
                bad("health poll range", HOST + "policy:\n  maintenance:\n    health_poll_minutes: 0\n",
                        "bad.yaml:6: policy.maintenance.health_poll_minutes: 0 is out of range 1..1440"),
                bad("fio key not allowed", HOST + "policy:\n  bench:\n    profiles:\n      pg-wal:\n        filename: /dev/sda\n",
                        "bad.yaml:8: policy.bench.profiles.pg-wal.filename: unknown key (allowed: rw, bs, iodepth, numjobs, "
                                + "fdatasync, fsync, rwmixread, size, runtime, ioengine, direct, time_based, ramp_time, sync)"),
                bad("fio value", HOST + "policy:\n  bench:\n    profiles:\n      mine: {rw: randomread}\n",
                        "bad.yaml:7: policy.bench.profiles.mine.rw: \"randomread\" is not one of read, write, randread, randwrite, rw, readwrite, randrw"),
                bad("fio block size", HOST + "policy:\n  bench:\n    profiles:\n      mine: {bs: \"4k; x\"}\n",
                        "bad.yaml:7: policy.bench.profiles.mine.bs: \"4k; x\" is not a valid size (bytes with optional k/m/g/t suffix, or a percentage)"),
                bad("group policy override checked too", HOST + "groups:\n  prod:\n    policy:\n      tiers:\n        - name: hot\n          queue: {scheduler: noop}\n",
                        "bad.yaml:9: groups.prod.policy.tiers[0].queue.scheduler: \"noop\" is not one of none, mq-deadline, kyber, bfq: "
                                + "blk-mq has no 'noop' (writing it fails with EINVAL); use none"),
                bad("host policy override checked too", HOST + "    policy:\n      maintenance: {health_poll_minutes: 99999}\n",
                        "bad.yaml:5: hosts.db-01.policy.maintenance.health_poll_minutes: 99999 is out of range 1..1440"));
    }

    private static Arguments bad(String what, String yaml, String expected) {
        return Arguments.of(what, yaml, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInventories")
    void badInventoryNamesFileLineAndKey(String what, String yaml, String expected) {
        InventoryException e = catchThrowableOfType(InventoryException.class,
                () -> TestInventories.loader().loadFromString(yaml, "bad.yaml"));
        assertThat(e).as(what + ": no error for\n" + yaml).isNotNull();
        assertThat(e.problems()).as(what).containsExactly(expected);
    }

    /**
     * Prefixes of a valid inventory (cut every few characters) either loads or fails with an
     * InventoryException naming the file: the builder's trust in the schema check must never surface as a
     * ClassCastException or similar.
     */
    @Test
    void everyTruncationFailsCleanlyOrLoads() {
        String full = TestInventories.resource("fleet.yaml");
        InventoryLoader loader = TestInventories.loader();
        int failures = 0;
        // every 3rd character keeps the test fast on a busy machine and still cuts inside every token kind
        for (int cut = 0; cut <= full.length(); cut += 3) {
            String part = full.substring(0, cut);
            try {
                loader.loadFromString(part, "cut.yaml");
            } catch (InventoryException e) {
                failures++;
                assertThat(e.problems()).as("cut at %d", cut).allSatisfy(p -> assertThat(p).matches("(?s)cut\\.yaml:\\d+: .+"));
            } catch (RuntimeException e) {
                throw new AssertionError("cut at " + cut + ": unexpected " + e + " for\n" + part, e);
            }
        }
        assertThat(failures).as("most prefixes are incomplete").isGreaterThan(full.length() / 6);
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() {
        String yaml = """
                hosts:
                  db-01: {address: 10.0.0.1, port: 0}
                  db-02: {address: 10.0.0.2, become: always}
                policy:
                  tiers:
                    - {name: hot, queue: {scheduler: noop}}
                """;
        InventoryException e = catchThrowableOfType(InventoryException.class,
                () -> TestInventories.loader().loadFromString(yaml, "multi.yaml"));
        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(": ", p.indexOf(": ") + 2)))
                .containsExactly("multi.yaml:2: hosts.db-01.port", "multi.yaml:3: hosts.db-02.become",
                        "multi.yaml:6: policy.tiers[0].queue.scheduler");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }

    @Test
    void aProblemInAGroupOverrideIsReportedOnceNotPerHost() {
        String yaml = """
                hosts:
                  a: {address: a, groups: [g]}
                  b: {address: b, groups: [g]}
                groups:
                  g:
                    policy:
                      tiers:
                        - {name: hot, thresholds: {write_await_ms: {warn: 500}}}
                policy:
                  tiers:
                    - {name: hot}
                """;
        InventoryException e = catchThrowableOfType(InventoryException.class,
                () -> TestInventories.loader().loadFromString(yaml, "g.yaml"));
        assertThat(e.problems()).containsExactly(
                "g.yaml:8: policy.tiers[hot].thresholds.write_await_ms: warn 500 is above crit 100");
    }

    @Test
    void quotedAndUnquotedFormsThatMeanTheSameAreAccepted() throws InventoryException {
        String yaml = """
                hosts:
                  db-01: {address: "10.0.0.1", port: 0x16, become: "sudo"}
                policy:
                  tiers:
                    - name: hot
                      queue: {write_cache: "write through", wbt_lat_usec: -1}
                  bench:
                    profiles:
                      pg-wal: {bs: 8k, iodepth: 1, fdatasync: 1, size: 8192, runtime: 30s, sync: 1}
                """;
        Inventory inv = TestInventories.loader().loadFromString(yaml, "ok.yaml");
        assertThat(inv.host("db-01").orElseThrow().port()).isEqualTo(22);
        assertThat(inv.policy().tier("hot").orElseThrow().queue()).containsEntry(QueueAttribute.WRITE_CACHE,
                "write through").containsEntry(QueueAttribute.WBT_LAT_USEC, "-1");
        assertThat(inv.policy().benchProfiles().get("pg-wal")).containsEntry("bs", "8k").containsEntry("size", "8192")
                .containsEntry("sync", "1");
    }
}
