package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jts.fleet.inventory.Shape.Field;
import jts.fleet.inventory.Shape.Leaf;
import jts.fleet.inventory.Shape.ListOf;
import jts.fleet.inventory.Shape.Named;
import jts.fleet.inventory.Shape.OneOrList;
import jts.fleet.inventory.Shape.Section;
import jts.fleet.inventory.source.Spelling;
import jts.fleet.inventory.source.YamlNode;

/**
 * Every key of an inventory file: its shape, default and validation rule, in one table. The loader validates
 * against it (unknown keys, types, ranges) and {@link InventoryReference} renders docs/INVENTORY.md from it.
 * Defaults the loader applies are constants here so the reference shows the values really used.
 */
public final class InventorySchema {
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";
    public static final String DEFAULT_CONNECT_TIMEOUT = "10s";
    public static final String DEFAULT_COMMAND_TIMEOUT = "60s";
    /** Smallest output cap accepted (the controller's own minimum). */
    public static final long MIN_OUTPUT = 64L << 10;
    public static final String DEFAULT_TRIM_SCHEDULE = "Sat *-*-* 03:00:00 America/New_York";
    public static final int DEFAULT_HEALTH_POLL_MINUTES = 10;
    /**
     * jts-fleet's own upper limit for read_ahead_kb, not the kernel's (which takes far more): 64 MiB of read-ahead
     * is already beyond any sequential workload here, so a larger value is a typo (sectors for KiB) or the
     * cloud-image regression that set 8-32 MiB and more (azure-vm-utils#99). The loader and the planner use it.
     */
    public static final int MAX_READ_AHEAD_KB = 65_536;
    /** Thresholds of a tier that sets none ({@link Thresholds#DEFAULTS}). */
    public static final Thresholds DEFAULT_THRESHOLDS = Thresholds.DEFAULTS;

    /** Host and group names: also used in patterns, so none of the pattern characters {@code , : & ! * ? [ ]}. */
    public static final ValueRule HOST_NAME = ValueRule.Text.of("name", "[A-Za-z0-9][A-Za-z0-9._-]{0,62}",
            "letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 63 characters");
    /** Tier and bench-profile names end up in metric labels and file names. */
    public static final ValueRule TIER_NAME = ValueRule.Text.of("name", "[a-z0-9][a-z0-9_-]{0,31}",
            "lower-case letters, digits, `_`, `-`; at most 32 characters");
    public static final ValueRule ABSOLUTE_PATH = ValueRule.Text.of("path",
            "/|(/[^/\\x00-\\x1f\\x7f]+)+",
            "absolute, no `//`, no trailing `/`, no control characters, no `.`/`..` components");
    /** What the host scripts take as a sysroot argument (gather.sh, tune-*.sh): plain characters only. */
    public static final ValueRule SYSROOT_PATH = ValueRule.Text.of("path", "/|(/[A-Za-z0-9._+-]+)+",
            "absolute, only letters, digits, `.`, `_`, `+`, `-` between the `/`s, as the host scripts take it;"
                    + " no `.`/`..` components");
    public static final ValueRule HOME_PATH = ValueRule.Text.of("path",
            "(~|/[^/\\x00-\\x1f\\x7f]+)(/[^/\\x00-\\x1f\\x7f]+)*",
            "absolute or starting with `~/` (the controller user's home)");

    private static final Pattern DOT_COMPONENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    /**
     * The shapes, built when first asked for, not with this class: the run that loads only the embedded inventory
     * (a local {@code status}), which the build checks against them instead ({@code EmbeddedYamlTreesTest}), reads this
     * class's constants but no shape (~2 ms of its start-up).
     */
    private static final class Shapes {
        static final Map<QueueAttribute, ValueRule> QUEUE_RULES = queueRules();
        /** The shape of the tier policy, the largest part of both file shapes: built once for the two. */
        static final Section POLICY = policy();
        static final Section ROOT = buildRoot();
        static final Section POLICY_FILE = buildPolicyFile();
    }

    private InventorySchema() {
    }

    /** The shape of a whole inventory file. */
    public static Section root() {
        return Shapes.ROOT;
    }

    /**
     * The shape of a {@code --policy FILE} for an Ansible inventory: jts-fleet's settings for hosts whose connection
     * comes from Ansible ({@code defaults} below every Ansible variable, the tier {@code policy}, and policy overrides
     * per Ansible group and host).
     */
    public static Section policyFile() {
        return Shapes.POLICY_FILE;
    }

    private static Section buildPolicyFile() {
        Section policy = Shapes.POLICY;
        Section override = new Section(List.of(Field.like("policy", policy, "policy",
                "Override of the policy, merged as in an inventory's `groups.<group>.policy`.")));
        return new Section(List.of(
                Field.like("defaults", Shapes.ROOT.field("defaults").orElseThrow().shape(), "defaults",
                        "Connection settings and timeouts below every Ansible variable (e.g. `known_hosts`, "
                                + "`identity_agent`, `command_timeout`)."),
                new Field("policy", policy, false, "the embedded JTS policy (`default-policy.yaml`)",
                        "The tier policy, as in an inventory.", "policy"),
                Field.of("groups", new Named("<group>", HOST_NAME, override), "none",
                        "Policy overrides per Ansible group (the group must exist in the Ansible inventory), applied "
                                + "in Ansible's group order (depth, ansible_group_priority, name)."),
                Field.of("hosts", new Named("<host>", HOST_NAME, override), "none",
                        "Policy override per Ansible host, applied after its groups'.")));
    }

    /** The rule of one connection key ({@code port}, {@code identity_file}, ...): items for list keys. */
    static ValueRule connectionRule(String key) {
        Optional<Field> connectionKey = ((Section) Shapes.ROOT.field("defaults").orElseThrow().shape()).field(key);
        if (connectionKey.isEmpty()) {
            throw new IllegalArgumentException("no connection key " + key);
        }
        Field f = connectionKey.get();
        Shape shape = f.shape();
        return shape instanceof Leaf leaf ? leaf.rule() : ((OneOrList) shape).item().rule();
    }

    /** The rule of {@code hosts.<host>.address} (also used for Ansible's {@code ansible_host}). */
    static ValueRule connectionRuleForAddress() {
        Named hosts = (Named) Shapes.ROOT.field("hosts").orElseThrow().shape();
        return ((Leaf) ((Section) hosts.value()).field("address").orElseThrow().shape()).rule();
    }

    private static Section buildRoot() {
        Section policy = Shapes.POLICY;
        List<Field> hostFields = new ArrayList<>();
        hostFields.add(Field.of("address", leaf(ValueRule.Text.of("address",
                        "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252}[A-Za-z0-9])?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?",
                        "host name, IPv4 or IPv6 address (no brackets, no port)")),
                "ssh_config `HostName` for the host's name, else the name itself; `localhost` for `local`",
                "Where to connect. Like `ssh -o HostName=ADDRESS NAME`: ssh_config is still read for the host's name."));
        hostFields.addAll(connectionFields());
        hostFields.add(Field.of("groups", new ListOf(new Leaf(HOST_NAME)), "none",
                "Groups of this host, in order: later groups' `vars` and `policy` override earlier ones. A group "
                        + "exists once a host names it; `groups.<group>` only adds vars and policy."));
        hostFields.add(Field.like("policy", policy, "policy",
                "Override of the policy for this host, applied after its groups' overrides."));

        List<Field> defaultsFields = new ArrayList<>(connectionFields());
        defaultsFields.add(Field.of("command_timeout", leaf(ValueRule.duration()),
                "`" + DEFAULT_COMMAND_TIMEOUT + "`", "Deadline of one remote command unless the command sets its own."));
        defaultsFields.add(Field.of("run_timeout", leaf(ValueRule.duration()),
                "`30m`; `bench` and `experiment`: what their request needs",
                "Deadline of a whole run: every host not done by then is reported as `timeout`."));
        defaultsFields.add(Field.of("max_output", leaf(new ValueRule.SizeText(MIN_OUTPUT)), "`4m`",
                "Most one remote command may print on stdout or stderr; past it the command is stopped on the host "
                        + "and the host fails with `output_limit`."));
        defaultsFields.add(Field.of("max_document_output", leaf(new ValueRule.SizeText(MIN_OUTPUT)), "`64m`",
                "The same for benchmark runs, whose fio documents are larger."));
        defaultsFields.add(Field.of("confirm_above", leaf(ValueRule.Range.integer(0, 1_000_000)),
                "`" + Defaults.ChangeControl.DEFAULT_CONFIRM_ABOVE + "`",
                "A command that changes hosts asks before changing more hosts than this (or the whole inventory); "
                        + "`--yes` answers for it where there is no terminal. See docs/CHANGE_CONTROL.md."));
        defaultsFields.add(Field.of("change_file", leaf(HOME_PATH), "`$XDG_STATE_HOME/jts-fleet/changes.jsonl`",
                "The controller's change records (JSON lines, append-only): who changed what on which host, when "
                        + "and why. `jts-fleet history` reads it."));
        defaultsFields.add(Field.of("change_file_max_size", leaf(new ValueRule.SizeText(MIN_OUTPUT)), "`10m`",
                "The change file is rotated (`changes.jsonl.1`, ...) before it grows past this size."));
        defaultsFields.add(Field.of("change_file_keep", leaf(ValueRule.Range.integer(1, 99)),
                "`" + Defaults.ChangeControl.DEFAULT_KEEP + "`", "Rotated change files kept; the oldest is deleted."));

        Section group = new Section(List.of(
                Field.of("vars", new Section(connectionFields()), "none",
                        "Connection keys for the group's hosts; a host's own keys win over group vars."),
                Field.like("policy", policy, "policy", "Override of the policy for the group's hosts.")));

        return new Section(List.of(
                Field.of("defaults", new Section(defaultsFields), "none",
                        "Connection settings every host inherits."),
                Field.required("hosts", new Named("<host>", HOST_NAME, new Section(hostFields)),
                        "The hosts, in the order commands report them."),
                Field.of("groups", new Named("<group>", HOST_NAME, group), "none",
                        "Vars and policy overrides per group."),
                Field.of("policy", policy, "the embedded JTS policy (`default-policy.yaml`)",
                        "The tier policy. When present it replaces the embedded default as a whole: keys it leaves "
                                + "out take the defaults listed here, not the embedded policy's values.")));
    }

    private static List<Field> connectionFields() {
        ValueRule path = HOME_PATH;
        return List.of(
                Field.of("user", leaf(ValueRule.Text.of("user name", "[A-Za-z_][A-Za-z0-9_.-]{0,31}",
                                "letters, digits, `_`, `.`, `-`; at most 32 characters")),
                        "ssh_config `User`, else the controller's local user name", "SSH login user."),
                Field.of("port", leaf(ValueRule.Range.integer(1, 65535)),
                        "ssh_config `Port`, else `" + DEFAULT_PORT + "`", "SSH port."),
                Field.of("identity_file", new OneOrList(new Leaf(path)),
                        "ssh_config `IdentityFile`s, else OpenSSH's default keys",
                        "Private key(s) offered after the agent's keys, in order (a list replaces ssh_config's "
                                + "`IdentityFile`s, it does not add to them). `KEY-cert.pub` next to a key is offered "
                                + "with it."),
                Field.of("identity_agent", leaf(ValueRule.Text.of("agent socket",
                                "none|SSH_AUTH_SOCK|\\$[A-Za-z_][A-Za-z0-9_]*|" + ((ValueRule.Text) HOME_PATH).pattern().pattern(),
                                "`none` (no agent), `SSH_AUTH_SOCK`, `$VARIABLE`, or an absolute or `~/` socket path")),
                        "ssh_config `IdentityAgent`, else `$SSH_AUTH_SOCK`",
                        "ssh-agent to ask for keys (OpenSSH `IdentityAgent`)."),
                Field.of("identities_only", leaf(new ValueRule.Flag()), "ssh_config `IdentitiesOnly`, else `false`",
                        "Offer only the configured identity files (and the agent's keys matching them), as OpenSSH "
                                + "`IdentitiesOnly`."),
                Field.of("certificate_file", new OneOrList(new Leaf(path)),
                        "ssh_config `CertificateFile`s, else none",
                        "OpenSSH user certificate(s) offered with the matching keys, besides `KEY-cert.pub` next to "
                                + "each identity file."),
                Field.of("proxy_jump", leaf(ValueRule.jumpList()), "ssh_config `ProxyJump`, else none (direct)",
                        "Jump hosts, first contacted first (OpenSSH `ProxyJump`). A hop names another inventory "
                                + "host, an ssh_config `Host` alias or an address; `user@` and `:port` in a hop win "
                                + "over the hop's own settings. `none` turns off a `ProxyJump` of ssh_config."),
                Field.of("ssh_config", leaf(ValueRule.Text.of("path",
                                "none|" + ((ValueRule.Text) HOME_PATH).pattern().pattern(), "`none`, or an absolute or `~/` path")),
                        "`~/.ssh/config` then `/etc/ssh/ssh_config`, like `ssh`",
                        "OpenSSH client configuration read for the host (like `ssh -F FILE`); `none` reads none. "
                                + "`--ssh-config` on the command line wins over it."),
                Field.of("known_hosts", leaf(path),
                        "ssh_config `UserKnownHostsFile`, else `" + DEFAULT_KNOWN_HOSTS + "`",
                        "OpenSSH known_hosts file checked strictly; `--accept-new-host-keys` records new keys here. "
                                + "ssh_config's `GlobalKnownHostsFile` (default `/etc/ssh/ssh_known_hosts`) is also "
                                + "read."),
                Field.of("strict_host_key_checking", leaf(ValueRule.OneOf.of("yes", "accept-new")),
                        "ssh_config `StrictHostKeyChecking` (`ask` is read as `yes`, `no` as `accept-new`), else "
                                + "`--accept-new-host-keys`",
                        "`yes` refuses unknown host keys, `accept-new` records them; a changed key is always "
                                + "refused."),
                Field.of("connect_timeout", leaf(ValueRule.duration()),
                        "ssh_config `ConnectTimeout`, else `" + DEFAULT_CONNECT_TIMEOUT + "`",
                        "Deadline of TCP connect plus SSH handshake and authentication (`--connect-timeout` wins)."),
                Field.of("keepalive_interval", leaf(ValueRule.duration()),
                        "ssh_config `ServerAliveInterval`, else `15s`",
                        "Interval of keepalive requests; a host that misses three is declared dead."),
                Field.of("become", leaf(ValueRule.OneOf.of("sudo", "none")), "`none`",
                        "`sudo` runs privileged steps through `sudo -n`; `none` when the user is root."),
                Field.of("connection", leaf(ValueRule.OneOf.of("ssh", "local")), "`ssh`",
                        "`local` runs on the controller's machine without SSH."),
                Field.of("sysroot", leaf(SYSROOT_PATH), "none (`/`)",
                        "Prefix of every path the gather script reads (fixture trees in tests)."));
    }

    private static List<String> deviceClassKeys() {
        List<String> keys = new ArrayList<>();
        for (DeviceClass c : DeviceClass.values()) {
            keys.add(c.key());
        }
        return keys;
    }

    private static Section policy() {
        Section match = new Section(List.of(
                Field.of("classes", new ListOf(leaf(new ValueRule.OneOf(deviceClassKeys(), Map.of()))),
                        "none", "Device classes of the tier."),
                Field.of("devices", new ListOf(leaf(ValueRule.Text.of("kernel name glob",
                                "[A-Za-z0-9._:+*?\\[\\]-]{1,64}", "kernel device name with `*`, `?`, `[...]`; no `/`"))),
                        "none", "Kernel-name globs, e.g. `nvme*`."),
                Field.of("mounts", new ListOf(leaf(ABSOLUTE_PATH)), "none",
                        "Mount points: the devices behind them belong to the tier.")));

        List<Field> queue = new ArrayList<>();
        for (QueueAttribute a : QueueAttribute.values()) {
            queue.add(Field.of(a.key(), leaf(queueRule(a)), "not managed", queueDoc(a)));
        }

        Thresholds d = DEFAULT_THRESHOLDS;
        Section thresholds = new Section(List.of(
                warnCrit("read_await_ms", d.readAwaitWarnMs(), d.readAwaitCritMs(), "600000",
                        "Mean read latency (r_await) held over the alert's `for` window."),
                warnCrit("write_await_ms", d.writeAwaitWarnMs(), d.writeAwaitCritMs(), "600000",
                        "Mean write latency (w_await)."),
                warnCrit("flush_await_ms", d.flushAwaitWarnMs(), d.flushAwaitCritMs(), "600000",
                        "Mean flush (fsync) latency (f_await)."),
                warnCrit("canary_p99_ms", d.canaryP99WarnMs(), d.canaryP99CritMs(), "600000",
                        "p99 of the host-side O_DIRECT canary read."),
                Field.of("trim_overdue_days", leaf(ValueRule.Range.integer(1, 366)), "`" + d.trimOverdueDays() + "`",
                        "Age of the last successful TRIM that raises an alert."),
                warnCrit("filesystem_full_pct", d.filesystemFullWarnPct(), d.filesystemFullCritPct(), "100",
                        "Filesystem usage in percent.")));

        Section tier = new Section(List.of(
                Field.required("name", leaf(TIER_NAME), "Tier name; overrides merge tiers by this name."),
                Field.of("match", match, "matches nothing",
                        "What the tier selects: any criterion matching puts a device in the tier."),
                Field.of("queue", new Section(queue), "none",
                        "Desired queue attributes; only these are ever written."),
                Field.of("trim", leaf(new ValueRule.Flag()), "`false`", "Weekly TRIM of the tier's filesystems."),
                Field.of("mount_options", new ListOf(leaf(ValueRule.mountOption())), "none",
                        "What the tier's mounts should be mounted with, e.g. `[hard, vers=4.1, nconnect>=4, "
                                + "rsize>=1048576, proto=tcp]` for NFS. A mount that differs is drift in `plan` and "
                                + "`verify`, with the fstab fix; jts-fleet never remounts."),
                Field.of("canary", leaf(new ValueRule.Flag()), "`false`",
                        "Host-side O_DIRECT latency canary on the tier's mounts."),
                Field.of("thresholds", thresholds, "the defaults below", "Latency SLOs and alert limits.")));

        Section blackout = new Section(List.of(
                Field.required("days", new ListOf(leaf(ValueRule.OneOf.of(
                        "mon", "tue", "wed", "thu", "fri", "sat", "sun"))),
                        "Days the window starts on (a window over midnight belongs to the day it starts)."),
                Field.required("from", leaf(ValueRule.clock()), "Start, inclusive."),
                Field.required("to", leaf(ValueRule.clock()),
                        "End, exclusive; earlier than `from` means the window runs over midnight."),
                Field.required("timezone", leaf(ValueRule.zone()), "Zone of `from` and `to`.")));

        Section maintenance = new Section(List.of(
                Field.of("blackout", new ListOf(blackout), "none",
                        "Trading hours: TRIM and benchmarks refuse to start inside any window."),
                Field.of("trim_schedule", leaf(ValueRule.Text.of("calendar expression",
                                "[A-Za-z0-9*,./:~+_-]+( [A-Za-z0-9*,./:~+_-]+){0,3}",
                                "systemd OnCalendar syntax ending in a time zone, e.g. `Sat *-*-* 03:00:00 UTC`")),
                        "`" + DEFAULT_TRIM_SCHEDULE + "`",
                        "When the host-side TRIM timer fires. Name the time zone (an IANA name or `UTC` as the last "
                                + "word): without one each host uses its own local time. `plan`, `trim install` and "
                                + "`inventory check` refuse (exit 2) a schedule that elapses inside a blackout window "
                                + "within the next year (systemd's calendar rules, both DST changes; a schedule "
                                + "without a zone is checked in every zone a host could have), naming the first date."),
                Field.of("health_poll_minutes", leaf(ValueRule.Range.integer(1, 1440)),
                        "`" + DEFAULT_HEALTH_POLL_MINUTES + "`",
                        "How often NVMe/SMART health is polled (polling costs I/O latency).")));

        Section bench = new Section(List.of(
                Field.of("profiles", new Named("<profile>", TIER_NAME, fioOptions()), "none",
                        "fio profiles: a known name overrides the embedded profile key by key, a new name adds one.")));

        return new Section(List.of(
                Field.of("tiers", new ListOf(tier), "none",
                        "Storage tiers, evaluated in order: the first tier matching a device wins. A device no tier "
                                + "matches is unmanaged and never touched."),
                Field.of("maintenance", maintenance, "the defaults below", "Maintenance windows and schedules."),
                Field.of("bench", bench, "none", "Benchmark settings.")));
    }

    private static Section fioOptions() {
        ValueRule size = new ValueRule.Text("size", Pattern.compile("[0-9]+([kKmMgGtT]i?[bB]?)?|[0-9]{1,3}%"),
                "bytes with optional k/m/g/t suffix, or a percentage", true);
        ValueRule time = new ValueRule.Text("fio time", Pattern.compile("[0-9]+(us|ms|s|m|h)?"),
                "integer with optional unit us, ms, s, m, h (fio syntax)", true);
        return new Section(List.of(
                Field.of("rw", leaf(ValueRule.OneOf.of("read", "write", "randread", "randwrite", "rw", "readwrite",
                        "randrw")), "profile's value", "I/O pattern."),
                Field.of("bs", leaf(size), "profile's value", "Block size."),
                Field.of("iodepth", leaf(ValueRule.Range.integer(1, 4096)), "profile's value", "Queue depth per job."),
                Field.of("numjobs", leaf(ValueRule.Range.integer(1, 256)), "profile's value", "Parallel jobs."),
                Field.of("fdatasync", leaf(ValueRule.Range.integer(0, 1_000_000)), "profile's value",
                        "fdatasync after this many writes (0 = never)."),
                Field.of("fsync", leaf(ValueRule.Range.integer(0, 1_000_000)), "profile's value",
                        "fsync after this many writes (0 = never)."),
                Field.of("rwmixread", leaf(ValueRule.Range.integer(0, 100)), "profile's value",
                        "Percent reads in mixed workloads."),
                Field.of("size", leaf(size), "profile's value", "Data per job."),
                Field.of("runtime", leaf(time), "profile's value", "Run time limit."),
                Field.of("ioengine", leaf(ValueRule.OneOf.of("io_uring", "libaio", "sync", "psync", "pvsync",
                        "pvsync2", "posixaio")), "chosen per host", "fio I/O engine."),
                Field.of("direct", leaf(ValueRule.Range.integer(0, 1)), "profile's value",
                        "O_DIRECT; 0 measures the page cache and marks the result so."),
                Field.of("time_based", leaf(ValueRule.Range.integer(0, 1)), "profile's value",
                        "Run for `runtime` even when `size` is done."),
                Field.of("ramp_time", leaf(time), "profile's value", "Warm-up not counted in results."),
                Field.of("sync", leaf(ValueRule.OneOf.of("0", "1", "none", "sync", "dsync")), "profile's value",
                        "O_SYNC/O_DSYNC writes.")));
    }

    private static Field warnCrit(String key, double warn, double crit, String max, String doc) {
        ValueRule rule = ValueRule.Range.decimal("0", max);
        return Field.of(key, new Section(List.of(
                Field.of("warn", leaf(rule), "`" + number(warn) + "`", "Warning level; at most `crit`."),
                Field.of("crit", leaf(rule), "`" + number(crit) + "`", "Critical level."))),
                "the defaults below", doc);
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Leaf leaf(ValueRule rule) {
        return new Leaf(rule);
    }

    private static Map<QueueAttribute, ValueRule> queueRules() {
        Map<QueueAttribute, ValueRule> rules = new EnumMap<>(QueueAttribute.class);
        rules.put(QueueAttribute.SCHEDULER, new ValueRule.OneOf(List.of("none", "mq-deadline", "kyber", "bfq"), Map.of(
                "noop", "blk-mq has no 'noop' (writing it fails with EINVAL); use none",
                "deadline", "blk-mq renamed it; use mq-deadline",
                "cfq", "cfq was removed with the legacy block layer; use bfq or mq-deadline")));
        rules.put(QueueAttribute.READ_AHEAD_KB, ValueRule.Range.integer(0, MAX_READ_AHEAD_KB));
        // the kernel silently raises smaller values to 4, which verify would then report as drift
        rules.put(QueueAttribute.NR_REQUESTS, ValueRule.Range.integer(4, 65536));
        rules.put(QueueAttribute.RQ_AFFINITY, ValueRule.Range.integer(0, 2));
        rules.put(QueueAttribute.NOMERGES, ValueRule.Range.integer(0, 2));
        rules.put(QueueAttribute.ADD_RANDOM, ValueRule.Range.integer(0, 1));
        rules.put(QueueAttribute.WBT_LAT_USEC, ValueRule.Range.integer(-1, 10_000_000));
        // below one 4 KiB page the kernel answers EINVAL
        rules.put(QueueAttribute.MAX_SECTORS_KB, ValueRule.Range.integer(4, 65536));
        rules.put(QueueAttribute.WRITE_CACHE, ValueRule.OneOf.of("write back", "write through"));
        rules.put(QueueAttribute.MAX_RATIO, ValueRule.Range.integer(0, 100));
        return Map.copyOf(rules);
    }

    /** The load-time rule of a queue attribute (device limits and the scheduler list are checked at plan time). */
    public static ValueRule queueRule(QueueAttribute attribute) {
        return Shapes.QUEUE_RULES.get(attribute);
    }

    private static String queueDoc(QueueAttribute a) {
        return switch (a) {
            case SCHEDULER -> "I/O scheduler; must also be in the device's own list (checked at plan time).";
            case READ_AHEAD_KB -> "Read-ahead in KiB (not sectors); at most " + MAX_READ_AHEAD_KB
                    + " (64 MiB), jts-fleet's own limit against typos, not the kernel's. For network filesystems it "
                    + "is written to their backing device (/sys/class/bdi/MAJ:MIN).";
            case NR_REQUESTS -> "Requests per hardware queue. With scheduler `none` it resizes the driver's tag map, "
                    + "so it caps the requests in flight per hardware queue; with a scheduler it sizes the "
                    + "scheduler's request pool.";
            case RQ_AFFINITY -> "Complete I/O on the submitting CPU (2 = same CPU).";
            case NOMERGES -> "0 merges, 1 only simple merges, 2 none.";
            case ADD_RANDOM -> "Feed the entropy pool from this device (0 for SSDs).";
            case WBT_LAT_USEC -> "Writeback throttling target; 0 disables, -1 restores the kernel default.";
            case MAX_SECTORS_KB -> "Largest request in KiB; at most the device's max_hw_sectors_kb.";
            case WRITE_CACHE -> "Only written when set explicitly; risky (data loss on power failure).";
            case MAX_RATIO -> "Network filesystems only (their backing device, /sys/class/bdi/MAJ:MIN): the share of "
                    + "the dirty page cache one NAS mount may hold, percent, so a bulk copy to it cannot fill the "
                    + "cache the databases write through. Set live and by a udev rule for NFS.";
        };
    }

    /**
     * Checks {@code node} against {@code shape}, adding {@code file:line: path: problem} texts to
     * {@code problems}. A null YAML value counts as an empty section or list.
     */
    public static void validate(YamlNode node, Shape shape, String path, List<String> problems) {
        if (shape instanceof Section section) {
            validateSection(node, section, path, problems);
        } else if (shape instanceof Named named) {
            Optional<YamlNode.MapNode> map = mapOrEmpty(node, path, problems);
            if (map.isEmpty()) {
                return;
            }
            for (YamlNode.Entry e : map.get().entries()) {
                String child = join(path, e.key());
                Optional<String> problem = named.nameRule().check(new YamlNode.Scalar(node.source(), e.keyLine(),
                        YamlNode.Kind.STRING, e.key()));
                if (problem.isPresent()) {
                    problems.add(node.source() + ":" + e.keyLine() + ": " + child + ": "
                            + named.placeholder().replaceAll("[<>]", "") + " name " + problem.get());
                }
                validate(e.value(), named.value(), child, problems);
            }
        } else if (shape instanceof ListOf list) {
            if (node instanceof YamlNode.Scalar s && s.isNull()) {
                return;
            }
            if (!(node instanceof YamlNode.ListNode l)) {
                problems.add(at(node, path) + "expected a list, got " + describe(node));
                return;
            }
            for (int i = 0; i < l.items().size(); i++) {
                validate(l.items().get(i), list.item(), path + "[" + i + "]", problems);
            }
        } else if (shape instanceof OneOrList oneOrList) {
            if (node instanceof YamlNode.ListNode l) {
                if (l.items().isEmpty()) {
                    problems.add(at(node, path) + "an empty list: leave the key out instead");
                }
                for (int i = 0; i < l.items().size(); i++) {
                    validate(l.items().get(i), oneOrList.item(), path + "[" + i + "]", problems);
                }
            } else {
                validate(node, oneOrList.item(), path, problems);
            }
        } else if (shape instanceof Leaf leaf) {
            if (!(node instanceof YamlNode.Scalar s)) {
                problems.add(at(node, path) + "expected " + ValueRule.withArticle(leaf.rule().type()) + ", got "
                        + node.typeName());
                return;
            }
            // isPresent, not ifPresent: see ValueRule.Parser
            Optional<String> problem = leaf.rule().check(s);
            if (problem.isPresent()) {
                problems.add(at(node, path) + problem.get());
            }
        }
    }

    private static void validateSection(YamlNode node, Section section, String path, List<String> problems) {
        Optional<YamlNode.MapNode> map = mapOrEmpty(node, path, problems);
        if (map.isEmpty()) {
            return;
        }
        for (YamlNode.Entry e : map.get().entries()) {
            String child = join(path, e.key());
            Optional<Field> field = section.field(e.key());
            if (field.isEmpty()) {
                problems.add(node.source() + ":" + e.keyLine() + ": " + child + ": unknown key"
                        + suggestion(e.key(), section.keys()) + " (allowed: " + String.join(", ", section.keys()) + ")");
                continue;
            }
            validate(e.value(), field.get().shape(), child, problems);
        }
        for (Field f : section.fields()) {
            if (f.required() && map.get().get(f.key()).isEmpty()) {
                problems.add(at(node, path) + "missing required key '" + f.key() + "'");
            }
        }
        validatePaths(map.get(), section, path, problems);
    }

    /** Paths passed the character check; {@code .} and {@code ..} components are refused separately. */
    private static void validatePaths(YamlNode.MapNode map, Section section, String path, List<String> problems) {
        for (YamlNode.Entry e : map.entries()) {
            Optional<Field> f = section.field(e.key());
            if (f.isEmpty()) {
                continue;
            }
            List<YamlNode> values = new ArrayList<>();
            Shape shape = f.get().shape();
            Shape item = shape instanceof ListOf l ? l.item() : shape instanceof OneOrList o ? o.item() : null;
            if (item instanceof Leaf leaf && isPath(leaf.rule()) && e.value() instanceof YamlNode.ListNode list) {
                values.addAll(list.items());
            } else if ((shape instanceof Leaf leaf && isPath(leaf.rule()))
                    || (shape instanceof OneOrList o && isPath(o.item().rule()))) {
                values.add(e.value());
            }
            for (YamlNode v : values) {
                if (v instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING
                        && DOT_COMPONENT.matcher(s.text()).find()) {
                    problems.add(at(v, join(path, e.key())) + s.shown()
                            + " must not contain '.' or '..' components");
                }
            }
        }
    }

    private static boolean isPath(ValueRule rule) {
        return rule == ABSOLUTE_PATH || rule == HOME_PATH || rule == SYSROOT_PATH;
    }

    private static Optional<YamlNode.MapNode> mapOrEmpty(YamlNode node, String path, List<String> problems) {
        if (node instanceof YamlNode.MapNode m) {
            return Optional.of(m);
        }
        if (node instanceof YamlNode.Scalar s && s.isNull()) {
            return Optional.of(new YamlNode.MapNode(s.source(), s.line(), List.of()));
        }
        problems.add(at(node, path) + "expected a mapping, got " + describe(node));
        return Optional.empty();
    }

    private static String describe(YamlNode node) {
        return node instanceof YamlNode.Scalar s && !s.isNull() ? s.typeName() + " " + s.shown() : node.typeName();
    }

    static String at(YamlNode node, String path) {
        return node.where() + ": " + (path.isEmpty() ? "" : path + ": ");
    }

    static String join(String path, String key) {
        return Shape.keyPath(path, key);
    }

    /** " (did you mean 'x'?)" for a key one or two edits away from an allowed key. */
    private static String suggestion(String key, List<String> allowed) {
        return Spelling.closest(key, allowed).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }
}
