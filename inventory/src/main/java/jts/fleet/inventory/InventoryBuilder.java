package jts.fleet.inventory;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jts.fleet.inventory.ansible.AnsibleInventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.YamlNode;

/**
 * Turns a schema-valid YAML tree into an {@link Inventory}: applies defaults, group vars and host keys,
 * merges policy overrides per host and checks what the schema cannot see (duplicate tier names, warn above
 * crit, empty blackout windows, SSH hosts without address, names used twice). One instance per load.
 * <p>
 * Written with loops and {@code isPresent()} rather than streams, lambdas and {@code Optional.map} on the path of
 * every load: a one-shot run (a cron {@code status}, a Nagios {@code check}) links each lambda call site once,
 * ~60 µs apiece even from the class-data archive, which for this class alone was more than the building itself.
 */
final class InventoryBuilder {
    private final Path home;
    private final String localUser;
    private final SshConfigOptions sshConfig;
    /** Ordered and de-duplicated: a problem in a shared policy would otherwise repeat once per host. */
    private final Set<String> problems = new LinkedHashSet<>();

    InventoryBuilder(Path home, String localUser, SshConfigOptions sshConfig) {
        this.home = home;
        this.localUser = localUser;
        this.sshConfig = sshConfig;
    }

    Inventory build(YamlNode root, String source, YamlNode.MapNode defaultPolicy) throws InventoryException {
        List<String> schemaProblems = new ArrayList<>();
        InventorySchema.validate(root, InventorySchema.root(), "", schemaProblems);
        if (!schemaProblems.isEmpty()) {
            throw new InventoryException(schemaProblems);
        }
        return buildChecked(root, source, defaultPolicy);
    }

    /**
     * {@link #build} of a tree known to pass the schema: the embedded inventory, which the build checks
     * ({@code EmbeddedYamlTreesTest} loads it from its YAML through {@link #build}), as it checks the embedded policy
     * every load uses, rather than every run (the schema's shapes and check were ~2 ms of a local {@code status}).
     */
    Inventory buildChecked(YamlNode root, String source, YamlNode.MapNode defaultPolicy) throws InventoryException {
        YamlNode.MapNode doc = (YamlNode.MapNode) root;
        YamlNode.MapNode hostsNode = map(doc, "hosts");
        YamlNode.MapNode groupsNode = map(doc, "groups");

        checkTierNames(doc.get("policy"), "policy");
        for (YamlNode.Entry g : groupsNode.entries()) {
            checkTierNames(asMap(g.value()).get("policy"), "groups." + g.key() + ".policy");
        }
        for (YamlNode.Entry h : hostsNode.entries()) {
            checkTierNames(asMap(h.value()).get("policy"), "hosts." + h.key() + ".policy");
        }

        Defaults defaults = defaults(map(doc, "defaults"));
        YamlNode.MapNode basePolicyNode = mapOr(doc.get("policy"), defaultPolicy);
        Policy basePolicy = policy(basePolicyNode);

        if (hostsNode.entries().isEmpty()) {
            problems.add(InventorySchema.at(doc.get("hosts").orElse(doc), "hosts") + "no hosts defined");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, PendingHost> pending = new LinkedHashMap<>();
        Map<String, HostRequest.Given> defaultGiven = given(map(doc, "defaults"), "defaults");
        for (YamlNode.Entry h : hostsNode.entries()) {
            PendingHost host = host(h, defaultGiven, groupsNode, basePolicyNode, basePolicy);
            pending.put(h.key(), host);
            for (String g : host.groups()) {
                groups.putIfAbsent(g, new ArrayList<>());
                groups.get(g).add(h.key());
            }
        }
        for (YamlNode.Entry g : groupsNode.entries()) {
            groups.putIfAbsent(g.key(), new ArrayList<>());
        }
        checkNames(doc, hostsNode, groupsNode, groups);
        if (!problems.isEmpty()) {
            throw new InventoryException(List.copyOf(problems));
        }
        return resolved(source, defaults, basePolicy, pending, groups, Set.of());
    }

    /** Resolves the connection settings of every pending host (they may name each other as jump hosts). */
    private Inventory resolved(String source, Defaults defaults, Policy basePolicy, Map<String, PendingHost> pending,
                               Map<String, List<String>> groups, Set<Path> otherInputs) throws InventoryException {
        AccessResolver resolver = new AccessResolver(sshConfig, home, localUser);
        List<HostRequest> requests = new ArrayList<>(pending.size());
        for (PendingHost p : pending.values()) {
            requests.add(p.request());
        }
        Map<String, AccessResolver.Resolved> access = resolver.resolve(requests);
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        Map<String, AccessExplanation> explanations = new LinkedHashMap<>();
        for (PendingHost p : pending.values()) {
            hosts.put(p.request().name(), spec(p, access.get(p.request().name())));
            explanations.put(p.request().name(), access.get(p.request().name()).explanation());
        }
        Set<Path> inputs = new java.util.LinkedHashSet<>(otherInputs);
        inputs.addAll(resolver.inputs());
        return new Inventory(source, defaults, basePolicy, hosts, groups, explanations, inputs);
    }

    /** The base policy with {@code overrides} merged in order; the base itself when there are none. */
    private Policy merged(YamlNode.MapNode basePolicyNode, Policy basePolicy, List<YamlNode.MapNode> overrides) {
        if (overrides.isEmpty()) {
            return basePolicy;
        }
        YamlNode.MapNode merged = basePolicyNode;
        for (YamlNode.MapNode o : overrides) {
            merged = PolicyMerge.apply(merged, o);
        }
        return policy(merged);
    }

    /**
     * An inventory from an Ansible inventory and jts-fleet's policy file ({@code --policy}, optional): hosts and
     * groups as Ansible sees them (a group's members include its children's hosts; {@code ungrouped} is a group),
     * connection keys from the Ansible variables over the policy file's {@code defaults}, policy overrides per Ansible
     * group in Ansible's group order, then per host.
     *
     * @param policyRoot the policy file's tree, if one was given
     */
    Inventory buildAnsible(AnsibleInventory ansible, Optional<YamlNode> policyRoot, String source,
                           YamlNode.MapNode defaultPolicy) throws InventoryException {
        YamlNode.MapNode doc = new YamlNode.MapNode(source, 1, List.of());
        if (policyRoot.isPresent()) {
            List<String> schemaProblems = new ArrayList<>();
            InventorySchema.validate(policyRoot.get(), InventorySchema.policyFile(), "", schemaProblems);
            if (!schemaProblems.isEmpty()) {
                throw new InventoryException(schemaProblems);
            }
            doc = asMap(policyRoot.get());
        }
        YamlNode.MapNode groupsNode = map(doc, "groups");
        YamlNode.MapNode hostsNode = map(doc, "hosts");
        checkTierNames(doc.get("policy"), "policy");
        for (YamlNode.Entry g : groupsNode.entries()) {
            checkTierNames(asMap(g.value()).get("policy"), "groups." + g.key() + ".policy");
            if (ansible.group(g.key()).isEmpty() || g.key().equals(AnsibleInventory.ALL)) {
                problems.add(doc.source() + ":" + g.keyLine() + ": groups." + g.key() + ": no group '" + g.key()
                        + "' in " + source + (g.key().equals(AnsibleInventory.ALL) ? " (use policy for all hosts)" : ""));
            }
        }
        for (YamlNode.Entry h : hostsNode.entries()) {
            checkTierNames(asMap(h.value()).get("policy"), "hosts." + h.key() + ".policy");
            if (!ansible.hosts().contains(h.key())) {
                problems.add(doc.source() + ":" + h.keyLine() + ": hosts." + h.key() + ": no host '" + h.key()
                        + "' in " + source);
            }
        }
        Defaults defaults = defaults(map(doc, "defaults"));
        Map<String, HostRequest.Given> defaultGiven = given(map(doc, "defaults"), "defaults");
        YamlNode.MapNode basePolicyNode = mapOr(doc.get("policy"), defaultPolicy);
        Policy basePolicy = policy(basePolicyNode);

        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (AnsibleInventory.Group g : ansible.groups().values()) {
            if (g.name().equals(AnsibleInventory.ALL)) {
                continue;
            }
            checkAnsibleName(g.name(), g.where(), "group");
            groups.put(g.name(), ansible.members(g.name()));
        }
        if (ansible.hosts().isEmpty()) {
            problems.add(source + ": no hosts in the Ansible inventory");
        }
        List<String> accessProblems = new ArrayList<>();
        Map<String, PendingHost> pending = new LinkedHashMap<>();
        for (String host : ansible.hosts()) {
            checkAnsibleName(host, ansible.hostWhere(host), "host");
            if (groups.containsKey(host)) {
                problems.add(ansible.hostWhere(host) + ": '" + host + "' is both a host and a group; patterns could "
                        + "not tell them apart");
            }
            List<String> hostGroups = ansible.groupsOf(host);
            List<YamlNode.MapNode> overrides = new ArrayList<>();
            for (String g : hostGroups) {
                addMap(map(groupsNode, g).get("policy"), overrides);
            }
            addMap(map(hostsNode, host).get("policy"), overrides);
            HostRequest request = AnsibleAccess.request(ansible, host, defaultGiven, accessProblems);
            Optional<HostRequest.Given> sysrootGiven = request.get(AccessResolver.SYSROOT);
            Optional<String> sysroot = sysrootGiven.isPresent() ? Optional.of(sysrootGiven.get().value())
                    : Optional.empty();
            pending.put(host, new PendingHost(request, hostGroups, sysroot,
                    merged(basePolicyNode, basePolicy, overrides)));
        }
        problems.addAll(accessProblems);
        if (!problems.isEmpty()) {
            throw new InventoryException(List.copyOf(problems));
        }
        return resolved(source, defaults, basePolicy, pending, groups, ansible.inputs());
    }

    /** Ansible accepts names jts-fleet cannot use in patterns (':', spaces, ...): those are errors here. */
    private void checkAnsibleName(String name, String where, String what) {
        Optional<String> problem = InventorySchema.HOST_NAME.check(new YamlNode.Scalar(where, 0, YamlNode.Kind.STRING,
                name));
        if (problem.isPresent()) {
            problems.add(where + ": " + what + " name " + problem.get());
        }
    }

    /** A host before its connection settings are resolved (they may depend on other hosts: jump hosts). */
    record PendingHost(HostRequest request, List<String> groups, Optional<String> sysroot, Policy policy) {
    }

    /** The host with its resolved connection settings. */
    static HostSpec spec(PendingHost p, AccessResolver.Resolved r) {
        List<Path> identityFiles = r.access().identityFiles();
        return new HostSpec(p.request().name(), r.connection(), r.address(), r.port(), r.user(),
                identityFiles.isEmpty() ? Optional.empty() : Optional.of(identityFiles.get(0)), r.knownHosts(),
                r.become(), p.groups(), p.sysroot(), p.policy(), r.access());
    }

    /**
     * The connection keys set in one mapping ({@code defaults}, a group's {@code vars}, a host), each with its
     * {@code file:line key} origin; booleans as {@code true}/{@code false}, lists as their items.
     */
    static Map<String, HostRequest.Given> given(YamlNode.MapNode m, String path) {
        Map<String, HostRequest.Given> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries()) {
            if (!AccessResolver.KEYS.contains(e.key())) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (e.value() instanceof YamlNode.ListNode l) {
                for (YamlNode item : l.items()) {
                    values.add(((YamlNode.Scalar) item).text());
                }
            } else if (e.value() instanceof YamlNode.Scalar sc && !sc.isNull()) {
                values.add(sc.kind() == YamlNode.Kind.BOOL ? Boolean.toString(sc.bool()) : sc.text());
            }
            if (!values.isEmpty()) {
                out.put(e.key(), new HostRequest.Given(values,
                        new Origin(Origin.Kind.INVENTORY, m.source(), e.keyLine(), Shape.keyPath(path, e.key()))));
            }
        }
        return out;
    }

    /** Builds a stand-alone policy (the embedded default) and reports its problems. */
    Policy standalonePolicy(YamlNode root) throws InventoryException {
        List<String> schemaProblems = new ArrayList<>();
        InventorySchema.validate(root, InventorySchema.root().field("policy").orElseThrow().shape(), "policy",
                schemaProblems);
        if (!schemaProblems.isEmpty()) {
            throw new InventoryException(schemaProblems);
        }
        checkTierNames(Optional.of(root), "policy");
        Policy policy = policy(asMap(root));
        if (!problems.isEmpty()) {
            throw new InventoryException(List.copyOf(problems));
        }
        return policy;
    }

    private void checkNames(YamlNode.MapNode doc, YamlNode.MapNode hostsNode, YamlNode.MapNode groupsNode,
                            Map<String, List<String>> groups) {
        for (YamlNode.Entry h : hostsNode.entries()) {
            if (h.key().equals("all")) {
                problems.add(doc.source() + ":" + h.keyLine() + ": hosts.all: 'all' is reserved for every host");
            }
            if (groups.containsKey(h.key())) {
                problems.add(doc.source() + ":" + h.keyLine() + ": hosts." + h.key() + ": '" + h.key()
                        + "' is also a group name; patterns could not tell them apart");
            }
        }
        for (YamlNode.Entry h : hostsNode.entries()) {
            for (YamlNode item : items(asMap(h.value()).get("groups").orElse(null))) {
                if (item instanceof YamlNode.Scalar s && s.text().equals("all")) {
                    problems.add(InventorySchema.at(item, "hosts." + h.key() + ".groups")
                            + "'all' is reserved for every host");
                }
            }
        }
        for (YamlNode.Entry g : groupsNode.entries()) {
            if (g.key().equals("all")) {
                problems.add(doc.source() + ":" + g.keyLine() + ": groups.all: 'all' is reserved for every host");
            }
        }
    }

    private void checkTierNames(Optional<YamlNode> policyNode, String path) {
        if (policyNode.isEmpty() || !(asMap(policyNode.get()).get("tiers").orElse(null) instanceof YamlNode.ListNode tiers)) {
            return;
        }
        Map<String, YamlNode> seen = new HashMap<>();
        for (int i = 0; i < tiers.items().size(); i++) {
            YamlNode tier = tiers.items().get(i);
            Optional<String> name = PolicyMerge.tierName(tier);
            if (name.isPresent() && seen.containsKey(name.get())) {
                problems.add(InventorySchema.at(tier, path + ".tiers[" + i + "].name") + "duplicate tier name '"
                        + name.get() + "' (first at line " + seen.get(name.get()).line() + ")");
            }
            if (name.isPresent()) {
                seen.putIfAbsent(name.get(), tier);
            }
        }
    }

    private Defaults defaults(YamlNode.MapNode d) {
        Duration connect = DurationParser.parsePositive(text(d, "connect_timeout")
                .orElse(InventorySchema.DEFAULT_CONNECT_TIMEOUT));
        Duration command = DurationParser.parsePositive(text(d, "command_timeout")
                .orElse(InventorySchema.DEFAULT_COMMAND_TIMEOUT));
        Optional<String> become = text(d, "become");
        Optional<String> connection = text(d, "connection");
        Optional<String> runTimeout = text(d, "run_timeout");
        return new Defaults(
                text(d, "user").orElse(localUser),
                integer(d, "port").orElse(InventorySchema.DEFAULT_PORT),
                path(d, "identity_file"),
                Optional.of(expand(text(d, "known_hosts").orElse(InventorySchema.DEFAULT_KNOWN_HOSTS))),
                become.isPresent() ? become(become.get()) : HostSpec.Become.NONE,
                connection.isPresent() ? connection(connection.get()) : HostSpec.Connection.SSH,
                text(d, "sysroot"),
                connect,
                command,
                runTimeout.isPresent() ? Optional.of(DurationParser.parsePositive(runTimeout.get())) : Optional.empty(),
                size(d, "max_output"),
                size(d, "max_document_output"),
                new Defaults.ChangeControl(path(d, "change_file"),
                        size(d, "change_file_max_size").orElse(Defaults.ChangeControl.DEFAULT_MAX_BYTES),
                        integer(d, "change_file_keep").orElse(Defaults.ChangeControl.DEFAULT_KEEP),
                        integer(d, "confirm_above").orElse(Defaults.ChangeControl.DEFAULT_CONFIRM_ABOVE)));
    }

    private PendingHost host(YamlNode.Entry entry, Map<String, HostRequest.Given> defaults,
                             YamlNode.MapNode groupsNode, YamlNode.MapNode basePolicyNode, Policy basePolicy) {
        String name = entry.key();
        YamlNode.MapNode h = asMap(entry.value());
        List<String> groupNames = new ArrayList<>();
        for (YamlNode item : items(h.get("groups").orElse(null))) {
            String g = ((YamlNode.Scalar) item).text();
            if (groupNames.contains(g)) {
                problems.add(InventorySchema.at(item, "hosts." + name + ".groups") + "group '" + g + "' listed twice");
            } else {
                groupNames.add(g);
            }
        }

        // defaults <- group vars (in the host's group order) <- host keys
        Map<String, HostRequest.Given> given = new LinkedHashMap<>(defaults);
        List<YamlNode.MapNode> overrides = new ArrayList<>();
        for (String g : groupNames) {
            Optional<YamlNode> group = groupsNode.get(g);
            if (group.isPresent()) {
                Optional<YamlNode> vars = asMap(group.get()).get("vars");
                if (vars.isPresent()) {
                    given.putAll(given(asMap(vars.get()), "groups." + g + ".vars"));
                }
                addMap(asMap(group.get()).get("policy"), overrides);
            }
        }
        given.putAll(given(h, "hosts." + name));
        addMap(h.get("policy"), overrides);

        HostRequest.Given sysrootGiven = given.get(AccessResolver.SYSROOT);
        Optional<String> sysroot = sysrootGiven != null ? Optional.of(sysrootGiven.value()) : Optional.empty();
        return new PendingHost(HostRequest.named(name, given), groupNames, sysroot,
                merged(basePolicyNode, basePolicy, overrides));
    }

    private Policy policy(YamlNode.MapNode p) {
        List<Tier> tiers = new ArrayList<>();
        for (YamlNode item : items(p.get("tiers").orElse(null))) {
            tiers.add(tier(asMap(item)));
        }
        Maintenance maintenance = maintenance(map(p, "maintenance"));
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        for (YamlNode.Entry e : map(map(p, "bench"), "profiles").entries()) {
            Map<String, String> options = new LinkedHashMap<>();
            for (YamlNode.Entry o : asMap(e.value()).entries()) {
                options.put(o.key(), ((YamlNode.Scalar) o.value()).text());
            }
            profiles.put(e.key(), options);
        }
        return new Policy(tiers, maintenance, profiles);
    }

    private Tier tier(YamlNode.MapNode t) {
        String name = text(t, "name").orElseThrow();
        String path = "policy.tiers[" + name + "]";
        YamlNode.MapNode match = map(t, "match");
        Set<DeviceClass> classes = EnumSet.noneOf(DeviceClass.class);
        for (YamlNode c : items(match.get("classes").orElse(null))) {
            classes.add(Keyed.parse(DeviceClass.class, ((YamlNode.Scalar) c).text()).orElseThrow());
        }
        Map<QueueAttribute, String> queue = new LinkedHashMap<>();
        for (YamlNode.Entry e : map(t, "queue").entries()) {
            queue.put(Keyed.parse(QueueAttribute.class, e.key()).orElseThrow(), ((YamlNode.Scalar) e.value()).text());
        }
        List<MountOptionExpectation> mountOptions = new ArrayList<>();
        for (String option : strings(t, "mount_options")) {
            mountOptions.add(MountOptionExpectation.parse(option));
        }
        return new Tier(name,
                new TierMatch(classes, strings(match, "devices"), strings(match, "mounts")),
                queue,
                flag(t, "trim").orElse(false),
                thresholds(map(t, "thresholds"), path + ".thresholds"),
                flag(t, "canary").orElse(false),
                List.copyOf(mountOptions));
    }

    private Thresholds thresholds(YamlNode.MapNode th, String path) {
        Thresholds d = Thresholds.DEFAULTS;
        double[] read = pair(th, "read_await_ms", d.readAwaitWarnMs(), d.readAwaitCritMs(), path);
        double[] write = pair(th, "write_await_ms", d.writeAwaitWarnMs(), d.writeAwaitCritMs(), path);
        double[] flush = pair(th, "flush_await_ms", d.flushAwaitWarnMs(), d.flushAwaitCritMs(), path);
        double[] canary = pair(th, "canary_p99_ms", d.canaryP99WarnMs(), d.canaryP99CritMs(), path);
        double[] full = pair(th, "filesystem_full_pct", d.filesystemFullWarnPct(), d.filesystemFullCritPct(), path);
        int trimOverdue = integer(th, "trim_overdue_days").orElse(d.trimOverdueDays());
        return new Thresholds(read[0], read[1], write[0], write[1], flush[0], flush[1], canary[0], canary[1],
                trimOverdue, full[0], full[1]);
    }

    private double[] pair(YamlNode.MapNode th, String key, double warnDefault, double critDefault, String path) {
        YamlNode.MapNode m = map(th, key);
        Optional<YamlNode> warnNode = m.get("warn");
        Optional<YamlNode> critNode = m.get("crit");
        double warn = warnNode.isPresent() ? ((YamlNode.Scalar) warnNode.get()).decimal().doubleValue() : warnDefault;
        double crit = critNode.isPresent() ? ((YamlNode.Scalar) critNode.get()).decimal().doubleValue() : critDefault;
        if (warn > crit) {
            YamlNode at = warnNode.orElse(critNode.orElse(m));
            problems.add(InventorySchema.at(at, path + "." + key) + "warn " + InventorySchema.number(warn)
                    + " is above crit " + InventorySchema.number(crit));
        }
        return new double[] {warn, crit};
    }

    private Maintenance maintenance(YamlNode.MapNode m) {
        List<BlackoutWindow> windows = new ArrayList<>();
        List<YamlNode> items = items(m.get("blackout").orElse(null));
        for (int i = 0; i < items.size(); i++) {
            YamlNode.MapNode w = asMap(items.get(i));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (YamlNode day : items(w.get("days").orElse(null))) {
                days.add(dayOfWeek(((YamlNode.Scalar) day).text()));
            }
            LocalTime from = clock(text(w, "from").orElseThrow());
            LocalTime to = clock(text(w, "to").orElseThrow());
            String path = "policy.maintenance.blackout[" + i + "]";
            if (from.equals(to)) {
                problems.add(InventorySchema.at(w, path) + "from and to are both " + from
                        + ": the window would be empty (for a whole day use 00:00 to 23:59)");
            }
            if (days.isEmpty()) {
                problems.add(InventorySchema.at(w, path + ".days") + "no days given: the window would never apply");
            }
            windows.add(new BlackoutWindow(days, from, to, ZoneId.of(text(w, "timezone").orElseThrow())));
        }
        return new Maintenance(windows,
                text(m, "trim_schedule").orElse(InventorySchema.DEFAULT_TRIM_SCHEDULE),
                integer(m, "health_poll_minutes").orElse(InventorySchema.DEFAULT_HEALTH_POLL_MINUTES));
    }

    /**
     * A time the schema checked to be {@code HH:MM}: read here rather than by {@code LocalTime.parse}, whose
     * {@code DateTimeFormatter} set-up (~1.5 ms) nothing else of a one-shot run needs.
     */
    private static LocalTime clock(String hhMm) {
        return LocalTime.of(Integer.parseInt(hhMm.substring(0, 2)), Integer.parseInt(hhMm.substring(3, 5)));
    }

    private static DayOfWeek dayOfWeek(String day) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(day)) {
                return d;
            }
        }
        throw new IllegalStateException("schema let through day " + day);
    }

    private Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static HostSpec.Become become(String text) {
        return HostSpec.Become.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static HostSpec.Connection connection(String text) {
        return HostSpec.Connection.valueOf(text.toUpperCase(Locale.ROOT));
    }

    // Accessors below trust the schema check that ran first: types are already right.

    static YamlNode.MapNode asMap(YamlNode node) {
        if (node instanceof YamlNode.MapNode m) {
            return m;
        }
        return new YamlNode.MapNode(node.source(), node.line(), List.of());
    }

    private static YamlNode.MapNode map(YamlNode.MapNode parent, String key) {
        return mapOr(parent.get(key), new YamlNode.MapNode(parent.source(), parent.line(), List.of()));
    }

    /** The mapping {@code node} holds, else {@code absent}. */
    private static YamlNode.MapNode mapOr(Optional<YamlNode> node, YamlNode.MapNode absent) {
        return node.isPresent() ? asMap(node.get()) : absent;
    }

    /** Adds the mapping {@code node} holds, if there is one, to {@code maps}. */
    private static void addMap(Optional<YamlNode> node, List<YamlNode.MapNode> maps) {
        if (node.isPresent()) {
            maps.add(asMap(node.get()));
        }
    }

    private static List<YamlNode> items(YamlNode node) {
        return node instanceof YamlNode.ListNode l ? l.items() : List.of();
    }

    private static List<String> strings(YamlNode.MapNode parent, String key) {
        List<String> strings = new ArrayList<>();
        for (YamlNode item : items(parent.get(key).orElse(null))) {
            strings.add(((YamlNode.Scalar) item).text());
        }
        return List.copyOf(strings);
    }

    private static Optional<String> text(YamlNode.MapNode parent, String key) {
        Optional<YamlNode> node = parent.get(key);
        return node.isPresent() ? Optional.of(((YamlNode.Scalar) node.get()).text()) : Optional.empty();
    }

    private static Optional<Integer> integer(YamlNode.MapNode parent, String key) {
        Optional<YamlNode> node = parent.get(key);
        return node.isPresent() ? Optional.of(((YamlNode.Scalar) node.get()).integer().intValueExact())
                : Optional.empty();
    }

    private static Optional<Boolean> flag(YamlNode.MapNode parent, String key) {
        Optional<YamlNode> node = parent.get(key);
        return node.isPresent() ? Optional.of(((YamlNode.Scalar) node.get()).bool()) : Optional.empty();
    }

    /** A size ({@link SizeParser}) the schema checked. */
    private static Optional<Long> size(YamlNode.MapNode parent, String key) {
        Optional<String> text = text(parent, key);
        return text.isPresent() ? Optional.of(SizeParser.parse(text.get())) : Optional.empty();
    }

    /** A path, {@code ~} expanded. */
    private Optional<Path> path(YamlNode.MapNode parent, String key) {
        Optional<String> text = text(parent, key);
        return text.isPresent() ? Optional.of(expand(text.get())) : Optional.empty();
    }
}
