package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the framed output of {@link GatherScript} into a {@link HostSnapshot}: {@link GatherFrames} checks the
 * frame strictly, this class interprets the sections. Control characters inside values are the host's data, kept
 * as they are (renderers escape them). Values inside sections are read leniently: an unreadable value or an
 * invalid device name drops that value or device with a warning in the snapshot, so one odd device never hides
 * the rest of the host.
 */
public final class GatherParser {
    public static final String HEADER = GatherFrames.HEADER;
    private static final Pattern DEV_NUMBER = Pattern.compile("\\d{1,10}:\\d{1,10}");
    private static final Pattern NVME_PATH = Pattern.compile("nvme(\\d+)c\\d+n(\\d+)");
    private static final Pattern RULES_FILE = Pattern.compile("/(etc|run)/udev/rules\\.d/[A-Za-z0-9._+-]{1,128}");
    private static final java.util.Comparator<MountInfo> PRIMARY_FIRST = Mount.primaryFirst();

    private GatherParser() {
    }

    /** Parses gather.sh's output, raw (framed here by {@link GatherAssembler}) or already framed. */
    public static HostSnapshot parse(String host, String output) throws GatherException {
        List<GatherFrames.Section> sections = GatherFrames.frame(host, framed(host, output));
        return new Interpretation(host).interpret(sections);
    }

    /** The framed text of {@code output}: assembled when it is gather.sh's raw form, else as it is. */
    public static String framed(String host, String output) throws GatherException {
        return GatherAssembler.isRaw(output) ? GatherAssembler.assemble(host, output) : output;
    }

    // ---- interpretation -----------------------------------------------------------------------------------

    /**
     * Per-call state (no static mutable state): the warnings collected while reading one host's output. Loops and
     * {@code isPresent()} rather than streams and lambdas: a one-shot {@code status} reads one output, and each
     * lambda call site's first use (~60 µs) cost it more than the reading.
     */
    private static final class Interpretation {
        private final String host;
        private final List<String> warnings = new ArrayList<>();

        Interpretation(String host) {
            this.host = host;
        }

        private record Raw(String name, int line, Map<String, String> values) {
        }

        HostSnapshot interpret(List<GatherFrames.Section> sections) throws GatherException {
            Map<String, String> hostValues = null;
            Map<String, Raw> blocks = new LinkedHashMap<>();
            Map<String, Raw> parts = new LinkedHashMap<>();
            Map<String, Map<String, String>> udev = new HashMap<>();
            List<String> diskstats = new ArrayList<>();
            List<GatherFrames.Line> mountinfo = null;
            Map<String, List<String>> rules = new LinkedHashMap<>();
            Optional<String> tuned = Optional.empty();
            Map<String, String> env = Map.of();
            Optional<String> state = Optional.empty();
            List<String> trimLog = new ArrayList<>();
            Map<String, Map<String, String>> bdis = new LinkedHashMap<>();
            boolean sawDiskstats = false;

            for (GatherFrames.Section s : sections) {
                switch (s.name()) {
                    case "host" -> {
                        if (hostValues != null) {
                            throw new GatherException(host, s.start(), "second \"host\" section");
                        }
                        hostValues = keyValues(s);
                    }
                    case "block", "part" -> {
                        String name = s.key();
                        if (!BlockDevice.isValidName(name)) {
                            warnings.add("line " + s.start() + ": dropped " + s.name() + " device \""
                                    + GatherFrames.shorten(String.valueOf(name)) + "\": not a valid kernel name");
                            continue;
                        }
                        if (blocks.containsKey(name) || parts.containsKey(name)) {
                            throw new GatherException(host, s.start(), "device \"" + name + "\" listed twice");
                        }
                        Raw raw = new Raw(name, s.start(), keyValues(s));
                        (s.name().equals("block") ? blocks : parts).put(name, raw);
                    }
                    case "udev" -> {
                        if (BlockDevice.isValidName(s.key())) {
                            udev.put(s.key(), udevProperties(s));
                        }
                    }
                    case "diskstats" -> {
                        sawDiskstats = true;
                        for (GatherFrames.Line l : s.lines()) {
                            if (!l.text().isBlank()) {
                                diskstats.add(l.text());
                            }
                        }
                    }
                    case "mountinfo" -> mountinfo = s.lines();
                    case "bdi" -> {
                        if (s.key() != null && s.key().matches("[0-9]{1,4}:[0-9]{1,8}")) {
                            bdis.put(s.key(), keyValues(s));
                        }
                    }
                    case "udev-rules" -> {
                        if (s.key() == null || !RULES_FILE.matcher(s.key()).matches()) {
                            warnings.add("line " + s.start() + ": ignored udev rules file with an unexpected name");
                            continue;
                        }
                        rules.put(s.key(), texts(s));
                    }
                    case "tuned" -> {
                        tuned = Optional.empty();
                        for (GatherFrames.Line l : s.lines()) {
                            if (!l.text().strip().isEmpty()) {
                                tuned = Optional.of(l.text().strip());
                                break;
                            }
                        }
                    }
                    case "env" -> env = keyValues(s);
                    case "state" -> {
                        String text = String.join("\n", texts(s)).trim();
                        state = text.isEmpty() ? Optional.empty() : Optional.of(text);
                    }
                    case "trimlog" -> {
                        for (GatherFrames.Line l : s.lines()) {
                            if (!l.text().isBlank()) {
                                trimLog.add(l.text());
                            }
                        }
                    }
                    case "skipped" -> warnings.add("line " + s.start() + ": the host skipped a block device: "
                            + keyValues(s).getOrDefault("reason", "no reason given"));
                    default -> {
                        // unknown sections come from newer scripts: ignored on purpose
                    }
                }
            }
            if (hostValues == null) {
                throw new GatherException(host, 0, "no \"host\" section");
            }
            if (mountinfo == null) {
                throw new GatherException(host, 0, "no \"mountinfo\" section");
            }
            if (!sawDiskstats) {
                throw new GatherException(host, 0, "no \"diskstats\" section");
            }
            int hostLine = 0;
            for (GatherFrames.Section s : sections) {
                if (s.name().equals("host")) {
                    hostLine = s.start();
                    break;
                }
            }
            // time and uid: only in outputs recorded before the controller framed them (informational, unused)
            long time = hostValues.containsKey("time") ? number(hostValues, "time", hostLine) : 0;
            long uid = hostValues.containsKey("uid") ? number(hostValues, "uid", hostLine) : -1;

            List<BlockDevice> devices = devices(blocks, parts, udev);
            HostSnapshot withoutMounts = new HostSnapshot(host, hostValues.getOrDefault("hostname", ""),
                    hostValues.getOrDefault("kernel", ""), time, (int) uid, devices, List.of(), List.of(),
                    Map.of(), Optional.empty(), false, false, false, Optional.empty(), Optional.empty(),
                    List.of(), List.of());
            List<Mount> mounts = mounts(mountinfo, withoutMounts, bdis);
            boolean sysfsReadOnly = false;
            for (Mount m : mounts) {
                if (m.path().equals("/sys")) {
                    sysfsReadOnly = m.readOnly(); // the last mount on /sys is the visible one
                }
            }
            Optional<String> fio = trimmed(env.get("fio"));
            Optional<String> trimTimerNext = trimmed(env.get("trim_timer_next"));
            return new HostSnapshot(host, withoutMounts.hostname(), withoutMounts.kernel(), time, (int) uid,
                    devices, mounts, diskstats, rules, tuned, "1".equals(env.get("systemd")),
                    "1".equals(env.get("udevd")), sysfsReadOnly, fio, state, trimLog, warnings)
                    .withTrimTimerNextElapse(trimTimerNext.isPresent() && trimTimerNext.get().equals("n/a")
                            ? Optional.empty() : trimTimerNext);
        }

        /** The texts of a section's lines. */
        private static List<String> texts(GatherFrames.Section s) {
            List<String> texts = new ArrayList<>(s.lines().size());
            for (GatherFrames.Line l : s.lines()) {
                texts.add(l.text());
            }
            return List.copyOf(texts);
        }

        /** {@code value} trimmed, empty when absent or blank. */
        private static Optional<String> trimmed(String value) {
            return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
        }

        private Map<String, String> keyValues(GatherFrames.Section s) throws GatherException {
            Map<String, String> values = new LinkedHashMap<>();
            for (GatherFrames.Line l : s.lines()) {
                int eq = l.text().indexOf('=');
                if (eq <= 0) {
                    throw new GatherException(host, l.number(), "section \"" + s.name()
                            + "\": expected key=value, got \""
                            + GatherFrames.shorten(l.text()) + "\"");
                }
                values.put(l.text().substring(0, eq), l.text().substring(eq + 1));
            }
            return values;
        }

        private static Map<String, String> udevProperties(GatherFrames.Section s) {
            Map<String, String> values = new LinkedHashMap<>();
            for (GatherFrames.Line l : s.lines()) {
                String text = l.text();
                int eq = text.indexOf('=');
                if (text.startsWith("E:") && eq > 2) {
                    values.put(text.substring(2, eq), text.substring(eq + 1));
                }
            }
            return values;
        }

        private long number(Map<String, String> values, String key, int line) throws GatherException {
            String text = values.get(key);
            if (text == null) {
                throw new GatherException(host, line, "host section: missing " + key);
            }
            try {
                long value = Long.parseLong(text.trim());
                if (key.equals("uid") && (value < -1 || value > Integer.MAX_VALUE)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new GatherException(host, line, "host section: " + key + " is not a number: \""
                        + GatherFrames.shorten(text) + "\"");
            }
        }

        // ---- devices ----------------------------------------------------------------------------------

        private List<BlockDevice> devices(Map<String, Raw> blocks, Map<String, Raw> parts,
                                          Map<String, Map<String, String>> udev) {
            List<BlockDevice> devices = new ArrayList<>();
            Map<String, BlockDevice> disks = new HashMap<>();
            for (Raw raw : blocks.values()) {
                BlockDevice disk = disk(raw, blocks.keySet(), udev.getOrDefault(raw.name(), Map.of()));
                disks.put(disk.name(), disk);
            }
            Map<String, List<BlockDevice>> partitionsOf = new HashMap<>();
            for (Raw raw : parts.values()) {
                String parent = raw.values().get("parent");
                BlockDevice disk = parent == null ? null : disks.get(parent);
                if (disk == null) {
                    warnings.add("line " + raw.line() + ": dropped partition " + raw.name()
                            + ": its disk \"" + GatherFrames.shorten(String.valueOf(parent)) + "\" was not gathered");
                    continue;
                }
                partitionsOf.putIfAbsent(parent, new ArrayList<>());
                partitionsOf.get(parent).add(partition(raw, disk, udev.getOrDefault(raw.name(), Map.of())));
            }
            for (Raw raw : blocks.values()) {
                devices.add(disks.get(raw.name()));
                devices.addAll(partitionsOf.getOrDefault(raw.name(), List.of()));
            }
            return dropDanglingReferences(devices);
        }

        private BlockDevice disk(Raw raw, Set<String> known, Map<String, String> udev) {
            Map<String, String> v = raw.values();
            Map<String, String> queue = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : v.entrySet()) {
                if (e.getKey().startsWith("queue/") && e.getKey().length() > 6) {
                    queue.put(e.getKey().substring(6), e.getValue().strip());
                }
            }
            List<String> slaves = names(raw, "slaves");
            String name = raw.name();
            boolean hidden = "1".equals(text(v, "hidden").orElse("0"));
            Optional<String> head = Optional.empty();
            Matcher path = NVME_PATH.matcher(name);
            if (hidden && path.matches()) {
                String headName = "nvme" + path.group(1) + "n" + path.group(2);
                head = known.contains(headName) ? Optional.of(headName) : Optional.empty();
            }
            Optional<String> model = or(text(v, "device/model"), text(udev, "ID_MODEL"));
            Optional<String> sysfsPath = text(v, "path");
            Optional<String> driver = text(v, "driver");
            if (driver.isPresent() && !BlockDevice.isValidName(driver.get())) {
                driver = Optional.empty();
            }
            Optional<String> dmName = text(v, "dm/name");
            Optional<String> dmUuid = text(v, "dm/uuid");
            Optional<String> mdLevel = text(v, "md/level");
            Classifier.Classification c = Classifier.classify(new Classifier.Signals(name, sysfsPath, driver,
                    Optional.ofNullable(queue.get("rotational")), model, dmName, dmUuid, mdLevel, slaves,
                    "1".equals(v.get("removable"))));
            String schedulerText = queue.get("scheduler");
            Optional<String> scheduler = schedulerText == null || schedulerText.isEmpty() ? Optional.empty()
                    : Optional.of(schedulerText);
            Optional<Scheduler> parsedScheduler = scheduler.isPresent() ? Scheduler.parse(scheduler.get())
                    : Optional.empty();
            if (scheduler.isPresent() && parsedScheduler.isEmpty()) {
                warnings.add("line " + raw.line() + ": " + name + ": unreadable queue/scheduler \""
                        + GatherFrames.shorten(scheduler.get()) + "\"");
            }
            String zonedText = queue.get("zoned");
            Optional<String> zoned = zonedText == null || zonedText.isEmpty() || zonedText.equals("none")
                    ? Optional.empty() : Optional.of(zonedText);
            return new BlockDevice(name, BlockDevice.DISK, Optional.empty(), head, slaves, names(raw, "holders"),
                    hidden, c.deviceClass(), c.reason(), zoned, model, text(v, "device/vendor"),
                    or(or(text(v, "serial"), text(v, "device/serial")), text(udev, "ID_SERIAL_SHORT")),
                    or(or(or(text(v, "wwid"), text(v, "device/wwid")), text(udev, "ID_WWN_WITH_EXTENSION")),
                            text(udev, "ID_WWN")),
                    sectors(raw, "size"), bytes(raw, queue, "logical_block_size"),
                    bytes(raw, queue, "physical_block_size"), devNumber(raw), queue, parsedScheduler,
                    bytes(raw, queue, "discard_granularity"), bytes(raw, queue, "discard_max_bytes"),
                    "1".equals(v.get("ro")), "1".equals(v.get("removable")), sysfsPath, driver, dmName, dmUuid,
                    mdLevel);
        }

        private BlockDevice partition(Raw raw, BlockDevice disk, Map<String, String> udev) {
            Map<String, String> v = raw.values();
            return new BlockDevice(raw.name(), BlockDevice.PART, Optional.of(disk.name()), Optional.empty(),
                    List.of(), names(raw, "holders"), disk.hidden(), disk.deviceClass(),
                    "partition of " + disk.name() + "; " + disk.classReason(), disk.zonedModel(), Optional.empty(),
                    Optional.empty(), disk.serial(), disk.wwn(), sectors(raw, "size"), disk.logicalBlockSize(),
                    disk.physicalBlockSize(), devNumber(raw), Map.of(), Optional.empty(),
                    disk.discardGranularity(), disk.discardMaxBytes(), "1".equals(v.get("ro")) || disk.readOnly(),
                    disk.removable(), text(v, "path"), disk.driver(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        /** Slaves/holders that name devices that were dropped or never gathered are removed, with a warning. */
        private List<BlockDevice> dropDanglingReferences(List<BlockDevice> devices) {
            Set<String> names = new HashSet<>();
            for (BlockDevice d : devices) {
                names.add(d.name());
            }
            List<BlockDevice> result = new ArrayList<>();
            for (BlockDevice d : devices) {
                List<String> slaves = known(d, "slaves", d.slaves(), names);
                List<String> holders = known(d, "holders", d.holders(), names);
                if (slaves.size() == d.slaves().size() && holders.size() == d.holders().size()) {
                    result.add(d);
                } else {
                    result.add(new BlockDevice(d.name(), d.devType(), d.parent(), d.multipathHead(), slaves,
                            holders, d.hidden(), d.deviceClass(), d.classReason(), d.zonedModel(), d.model(),
                            d.vendor(), d.serial(), d.wwn(), d.sizeBytes(), d.logicalBlockSize(),
                            d.physicalBlockSize(), d.majorMinor(), d.queue(), d.scheduler(),
                            d.discardGranularity(), d.discardMaxBytes(), d.readOnly(), d.removable(),
                            d.sysfsPath(), d.driver(), d.dmName(), d.dmUuid(), d.mdLevel()));
                }
            }
            return result;
        }

        private List<String> known(BlockDevice d, String what, List<String> list, Set<String> names) {
            List<String> kept = new ArrayList<>();
            for (String n : list) {
                if (names.contains(n)) {
                    kept.add(n);
                } else {
                    warnings.add(d.name() + ": " + what + " entry " + n + " is not a gathered device: ignored");
                }
            }
            return kept;
        }

        private List<String> names(Raw raw, String key) {
            String value = raw.values().getOrDefault(key, "").trim();
            List<String> names = new ArrayList<>();
            if (value.isEmpty()) {
                return names;
            }
            for (String n : value.split("\\s+")) {
                if (BlockDevice.isValidName(n)) {
                    names.add(n);
                } else {
                    warnings.add("line " + raw.line() + ": " + raw.name() + ": dropped " + key + " entry \""
                            + GatherFrames.shorten(n) + "\": not a valid kernel name");
                }
            }
            return names;
        }

        private static Optional<String> text(Map<String, String> values, String key) {
            String value = values.get(key);
            return value == null || value.strip().isEmpty() ? Optional.empty() : Optional.of(value.strip());
        }

        /** {@code value}, else {@code fallback} (both already read: {@link #text} is cheap). */
        private static Optional<String> or(Optional<String> value, Optional<String> fallback) {
            return value.isPresent() ? value : fallback;
        }

        private Optional<String> devNumber(Raw raw) {
            Optional<String> dev = text(raw.values(), "dev");
            if (dev.isPresent() && !DEV_NUMBER.matcher(dev.get()).matches()) {
                warnings.add("line " + raw.line() + ": " + raw.name() + ": unreadable dev \""
                        + GatherFrames.shorten(dev.get()) + "\"");
                return Optional.empty();
            }
            return dev;
        }

        /** {@code size} is always in 512-byte sectors, whatever the logical block size. */
        private OptionalLong sectors(Raw raw, String key) {
            OptionalLong sectors = unsigned(raw, key, raw.values().get(key));
            if (sectors.isPresent() && sectors.getAsLong() > Long.MAX_VALUE / 512) {
                warnings.add("line " + raw.line() + ": " + raw.name() + ": implausible " + key);
                return OptionalLong.empty();
            }
            return sectors.isPresent() ? OptionalLong.of(sectors.getAsLong() * 512) : sectors;
        }

        private OptionalLong bytes(Raw raw, Map<String, String> queue, String key) {
            return unsigned(raw, "queue/" + key, queue.get(key));
        }

        private OptionalLong unsigned(Raw raw, String key, String value) {
            if (value == null || value.trim().isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                long n = Long.parseLong(value.trim());
                if (n >= 0) {
                    return OptionalLong.of(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            warnings.add("line " + raw.line() + ": " + raw.name() + ": " + key + " is not a number: \""
                    + GatherFrames.shorten(value) + "\"");
            return OptionalLong.empty();
        }

        // ---- mounts -----------------------------------------------------------------------------------

        private List<Mount> mounts(List<GatherFrames.Line> lines, HostSnapshot devices,
                Map<String, Map<String, String>> bdis)
                throws GatherException {
            Map<String, String> byDevNumber = new HashMap<>();
            Map<String, String> byDmName = new HashMap<>();
            for (BlockDevice d : devices.devices()) {
                if (d.majorMinor().isPresent()) {
                    byDevNumber.put(d.majorMinor().get(), d.name());
                }
                if (d.dmName().isPresent()) {
                    byDmName.put(d.dmName().get(), d.name());
                }
            }
            List<MountInfo> infos = new ArrayList<>();
            for (GatherFrames.Line l : lines) {
                if (l.text().isBlank()) {
                    continue;
                }
                Optional<MountInfo> info = MountInfo.parse(l.text());
                if (info.isEmpty()) {
                    throw new GatherException(host, l.number(), "mountinfo: not a mountinfo line: \""
                            + GatherFrames.shorten(l.text()) + "\"");
                }
                infos.add(info.get());
            }
            // a filesystem's primary mount is the least of its mounts in Mount.PRIMARY_FIRST's order, whatever
            // the lines' order; every other mount with the same device number is a bind or duplicate mount of it
            Map<String, MountInfo> primary = new HashMap<>();
            for (MountInfo m : infos) {
                MountInfo least = primary.get(m.majorMinor());
                if (least == null || PRIMARY_FIRST.compare(m, least) < 0) {
                    primary.put(m.majorMinor(), m);
                }
            }
            List<Mount> mounts = new ArrayList<>();
            for (MountInfo m : infos) {
                Optional<String> device = resolve(m, byDevNumber, byDmName);
                List<String> leaves = device.isPresent() ? devices.leafDevices(device.get()) : List.of();
                boolean network = Mount.NETWORK_FSTYPES.contains(m.fstype());
                MountInfo first = primary.get(m.majorMinor());
                Optional<String> bindOf = first == m ? Optional.empty() : Optional.of(first.path());
                mounts.add(new Mount(m.mountId(), m.parentId(), m.majorMinor(), m.root(), m.path(),
                        m.mountOptions(), m.fstype(), m.source(), m.superOptions(), device, leaves, network,
                        onlineDiscard(m), m.mountOptions().contains("ro") || m.superOptions().contains("ro"),
                        m.fstype().equals("autofs"), bindOf,
                        network ? bdis.getOrDefault(m.majorMinor(), Map.of()) : Map.of()));
            }
            return mounts;
        }

        private static Optional<String> resolve(MountInfo m, Map<String, String> byDevNumber,
                                                Map<String, String> byDmName) {
            String name = byDevNumber.get(m.majorMinor());
            if (name != null) {
                return Optional.of(name);
            }
            // btrfs and friends report an anonymous 0:N device number: fall back to the source path
            if (m.source().startsWith("/dev/mapper/")) {
                return Optional.ofNullable(byDmName.get(m.source().substring("/dev/mapper/".length())));
            }
            if (m.source().startsWith("/dev/")) {
                String candidate = m.source().substring("/dev/".length());
                if (byDevNumber.containsValue(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        /** {@code discard} or {@code discard=async|sync} (btrfs shows its default in the super options). */
        private static boolean onlineDiscard(MountInfo m) {
            boolean discard = false;
            for (List<String> options : List.of(m.mountOptions(), m.superOptions())) {
                for (String o : options) {
                    if (o.equals("discard") || o.startsWith("discard=")) {
                        discard = true;
                    } else if (o.equals("nodiscard")) {
                        return false;
                    }
                }
            }
            return discard;
        }
    }
}
