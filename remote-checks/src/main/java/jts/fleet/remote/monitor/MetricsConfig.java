package jts.fleet.remote.monitor;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.Keyed;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.script.HostPrelude;

/**
 * The configuration file of the host script {@code jts-metrics.sh}: tab-separated lines, one fact per line,
 * read by the script with {@code read} and awk (never sourced). Values are validated here and again in the
 * script, so a strange model string or mount path from a host cannot become shell or a broken metric.
 */
public record MetricsConfig(
        Path textfileDir, Path stateDir, Optional<Path> sysroot, int healthPollSeconds, HealthTool healthTool,
        List<BlackoutWindow> blackout, List<DeviceEntry> devices, List<QueueEntry> queue,
        List<MountEntry> mounts, List<CanaryEntry> canaries, List<String> healthDevices) {

    public static final Path DEFAULT_TEXTFILE_DIR = Path.of("/var/lib/prometheus/node-exporter");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/jts-fleet/metrics");

    public enum HealthTool implements Keyed {
        AUTO, NVME, SMARTCTL
    }

    public record DeviceEntry(String device, String tier, String deviceClass, String model, String serial,
                              String wwn) {
    }

    public record QueueEntry(String device, String attribute, String expected) {
    }

    public record MountEntry(String mountpoint, String device, String tier, String fstype) {
    }

    public record CanaryEntry(String mountpoint, String tier) {
    }

    public MetricsConfig {
        requireAbsolute("textfile_dir", textfileDir);
        requireAbsolute("state_dir", stateDir);
        sysroot.ifPresent(p -> requireAbsolute("sysroot", p));
        if (healthPollSeconds < 60) {
            throw new IllegalArgumentException("health_poll_seconds " + healthPollSeconds
                    + " is below 60: SMART polls cost I/O latency");
        }
        blackout = List.copyOf(blackout);
        devices = List.copyOf(devices);
        queue = List.copyOf(queue);
        mounts = List.copyOf(mounts);
        canaries = List.copyOf(canaries);
        healthDevices = List.copyOf(healthDevices);
        for (DeviceEntry d : devices) {
            requireDevice("device", d.device());
        }
        for (QueueEntry q : queue) {
            requireDevice("queue", q.device());
            if (!q.attribute().matches("[a-z_]+")) {
                throw new IllegalArgumentException("queue attribute \"" + q.attribute() + "\" is not a sysfs name");
            }
        }
        for (MountEntry m : mounts) {
            requireMountpoint(m.mountpoint());
        }
        for (CanaryEntry c : canaries) {
            requireMountpoint(c.mountpoint());
            if (!c.mountpoint().matches("[A-Za-z0-9/._:+-]+") || !c.tier().matches("[A-Za-z0-9._:+-]+")) {
                throw new IllegalArgumentException("canary mount \"" + c.mountpoint()
                        + "\": only [A-Za-z0-9/._:+-] are allowed in canary paths and tier names");
            }
        }
        for (String h : healthDevices) {
            requireDevice("health", h);
        }
    }

    /** The config for a host from its storage model (tiers of devices and mounts from the tier assigner). */
    public static MetricsConfig forHost(StorageModel model, Policy policy, Path textfileDir, Path stateDir) {
        return forHost(model.snapshot(), policy, model.deviceTiers(), model.mountTiers(), textfileDir, stateDir);
    }

    public static MetricsConfig forHost(HostSnapshot snapshot, Policy policy, Map<String, String> tierByDevice,
                                        Path textfileDir, Path stateDir) {
        return forHost(snapshot, policy, tierByDevice, Map.of(), textfileDir, stateDir);
    }

    /**
     * Derives the config from a gathered snapshot, the host's policy and the tier of each device and mount (from
     * the tier assigner; a mount without one takes the tier of the first layer of its stack that has one). Stacked tier devices (dm, md) also give their tier to their leaves, because latency alerts
     * look at leaves only; queue attributes are checked on leaves, where they take effect.
     */
    public static MetricsConfig forHost(HostSnapshot snapshot, Policy policy, Map<String, String> tierByDevice,
                                        Map<String, String> tierByMount, Path textfileDir, Path stateDir) {
        Map<String, String> tiers = new LinkedHashMap<>();
        for (BlockDevice d : snapshot.devices()) {
            String tier = tierByDevice.get(d.name());
            if (tier == null || d.hidden() || d.isPartition()) {
                continue;
            }
            tiers.putIfAbsent(d.name(), tier);
            for (String leaf : snapshot.leafDevices(d.name())) {
                tiers.putIfAbsent(leaf, tier);
            }
        }
        List<DeviceEntry> devices = new ArrayList<>();
        List<QueueEntry> queue = new ArrayList<>();
        List<String> health = new ArrayList<>();
        tiers.forEach((name, tierName) -> snapshot.device(name).ifPresent(d -> {
            devices.add(new DeviceEntry(name, tierName, d.deviceClass().key(), clean(d.model()), clean(d.serial()),
                    clean(d.wwn())));
            boolean stacked = d.deviceClass() == DeviceClass.DM || d.deviceClass() == DeviceClass.MD;
            Optional<Tier> tier = policy.tier(tierName);
            if (!stacked && tier.isPresent()) {
                tier.get().queue().forEach((attr, value) -> queue.add(new QueueEntry(name, attr.key(), value)));
            }
            if (d.deviceClass() == DeviceClass.NVME) {
                health.add(name);
            }
        }));
        // mounts in mount-point order, not /proc/self/mountinfo's: the same filesystems mounted in another order
        // after a reboot are the same config (monitor install reported every rebooted host as changed)
        List<Mount> byPath = snapshot.mounts().stream().filter(m -> fitsConfig(m.path()))
                .sorted(Comparator.comparing(Mount::path)).toList();
        List<MountEntry> mounts = new ArrayList<>();
        List<TieredMount> blockMounts = new ArrayList<>();
        for (Mount m : byPath) {
            if (m.network()) {
                // no block device: the mount source ("nas:/export") is the device, as node_exporter's mountstats
                // collector names it in its export label; never a canary (it would measure the network)
                String tierName = tierByMount.get(m.path());
                if (tierName != null && !m.source().matches("(?s).*\\p{Cntrl}.*")) {
                    mounts.add(new MountEntry(m.path(), m.source(), tierName, m.fstype()));
                }
                continue;
            }
            if (m.device().isEmpty()) {
                continue;
            }
            String tierName = tierByMount.containsKey(m.path()) ? tierByMount.get(m.path())
                    : tierOfMount(snapshot, m, tiers);
            if (tierName == null) {
                continue;
            }
            mounts.add(new MountEntry(m.path(), m.device().get(), tierName, m.fstype()));
            blockMounts.add(new TieredMount(m, tierName));
        }
        int poll = Math.max(60, policy.maintenance().healthPollMinutes() * 60);
        return new MetricsConfig(textfileDir, stateDir, Optional.empty(), poll, HealthTool.AUTO,
                policy.maintenance().blackout(), devices, queue, mounts, canaries(blockMounts, policy), health);
    }

    /** A mount of a block device in the config, with its tier. */
    private record TieredMount(Mount mount, String tier) {
    }

    /**
     * One canary per device (bind mounts share it), listed in mount-point order: on the device's primary mount, the
     * one its binds name ({@link Mount#PRIMARY_FIRST}), else on the next mount in that order that may have one: never
     * read-only, on boot partitions or FAT, where no database lives and a stray file is unwelcome.
     */
    private static List<CanaryEntry> canaries(List<TieredMount> byPath, Policy policy) {
        Map<String, TieredMount> byDevice = new LinkedHashMap<>();
        byPath.stream().filter(t -> policy.tier(t.tier()).map(Tier::canary).orElse(false))
                .filter(t -> !t.mount().mountOptions().contains("ro") && t.mount().path().matches("[A-Za-z0-9/._:+-]+")
                        && !(t.mount().path().equals("/boot") || t.mount().path().startsWith("/boot/"))
                        && !t.mount().fstype().equals("vfat"))
                .sorted(Comparator.comparing(TieredMount::mount, Mount.PRIMARY_FIRST))
                .forEach(t -> byDevice.putIfAbsent(t.mount().device().orElseThrow(), t));
        return byPath.stream().filter(byDevice::containsValue)
                .map(t -> new CanaryEntry(t.mount().path(), t.tier())).toList();
    }

    private static String tierOfMount(HostSnapshot snapshot, Mount m, Map<String, String> tiers) {
        for (String layer : snapshot.stack(m.device().get())) {
            if (tiers.containsKey(layer)) {
                return tiers.get(layer);
            }
        }
        return null;
    }

    /** True when {@code path} can be a line of the config: see {@link Mount#isSafePath}, and no C1 control. */
    public static boolean fitsConfig(String path) {
        return Mount.isSafePath(path) && path.chars().noneMatch(Character::isISOControl);
    }

    private static String clean(Optional<String> value) {
        // identity strings come from the host: keep them printable and on one line
        return value.map(v -> v.replaceAll("[\\p{Cntrl}]", " ").trim()).orElse("");
    }

    /** The file text, deterministic (golden-tested). */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# jts-metrics config, rendered by jts-fleet monitor install. Tab-separated. Do not edit.\n");
        line(out, "textfile_dir", textfileDir.toString());
        line(out, "state_dir", stateDir.toString());
        sysroot.ifPresent(p -> line(out, "sysroot", p.toString()));
        line(out, "health_poll_seconds", Integer.toString(healthPollSeconds));
        line(out, "health_tool", healthTool.key());
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
        for (BlackoutWindow w : blackout) {
            String days = w.days().stream().map(DayOfWeek::getValue).sorted().map(String::valueOf)
                    .collect(Collectors.joining(","));
            line(out, "blackout", w.zone().getId(), days, w.from().format(hhmm), w.to().format(hhmm));
        }
        for (DeviceEntry d : devices) {
            line(out, "device", d.device(), d.tier(), d.deviceClass(), d.model(), d.serial(), d.wwn());
        }
        for (QueueEntry q : queue) {
            line(out, "queue", q.device(), q.attribute(), q.expected());
        }
        for (MountEntry m : mounts) {
            line(out, "mount", m.mountpoint(), m.device(), m.tier(), m.fstype());
        }
        for (CanaryEntry c : canaries) {
            line(out, "canary", c.mountpoint(), c.tier());
        }
        for (String h : healthDevices) {
            line(out, "health", h);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String... values) {
        out.append(key);
        for (String v : values) {
            for (int i = 0; i < v.length(); i++) {
                if (Character.isISOControl(v.charAt(i))) {
                    throw new IllegalArgumentException(key + ": control character in \"" + v.replace("\t", "\\t")
                            .replace("\n", "\\n") + "\"");
                }
            }
            out.append('\t').append(v);
        }
        out.append('\n');
    }

    private static void requireAbsolute(String what, Path p) {
        String s = p.toString();
        if (!p.isAbsolute() || s.contains("..") || s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + ": \"" + s + "\" must be an absolute path without ..");
        }
    }

    private static void requireMountpoint(String path) {
        requireAbsolute("mount", Path.of(path));
    }

    private static void requireDevice(String what, String name) {
        if (!BlockDevice.isValidName(name)) {
            throw new IllegalArgumentException(what + ": \"" + name + "\" is not a kernel device name");
        }
    }

    /**
     * The host script as pushed: {@code jts-metrics.sh} with the host and timer preludes
     * ({@link HostPrelude#timerSpliced}).
     */
    public static String script() {
        return HostPrelude.timerSpliced(Resources.text("jts-metrics.sh"));
    }
}
