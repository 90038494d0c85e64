package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one gather run saw on a host. {@code host} is the inventory name, {@code hostname} what the host
 * calls itself. {@code time} (host clock, epoch seconds) and {@code uid} come only from outputs recorded before
 * the controller framed gathers itself (0 and -1 otherwise; nothing reads them). {@code diskstats} are the raw
 * {@code /proc/diskstats} lines (parsed by the stats package: 14, 18 or 20 fields depending on the kernel).
 * {@code fio} says whether fio is installed ("installed /usr/bin/fio"; outputs recorded before gather stopped
 * running {@code fio --version} hold the version instead). The extras feed later features: {@code udevRules}
 * maps each rules file (path) to its lines that set a queue attribute, {@code stateJson} and {@code trimLog} are
 * what jts-fleet itself left on the host. {@code warnings} name everything that was dropped while parsing
 * (invalid device names, unreadable values). {@code devicesByName} is an index of {@code devices}, always
 * derived from it.
 */
public record HostSnapshot(
        String host,
        String hostname,
        String kernel,
        long time,
        int uid,
        List<BlockDevice> devices,
        List<Mount> mounts,
        List<String> diskstats,
        Map<String, List<String>> udevRules,
        Optional<String> tunedProfile,
        boolean systemdRunning,
        boolean udevdRunning,
        boolean sysfsReadOnly,
        Optional<String> fio,
        Optional<String> stateJson,
        List<String> trimLog,
        List<String> warnings,
        Map<String, BlockDevice> devicesByName,
        Optional<String> trimTimerNextElapse) {

    /** The canonical constructor without the name index, which is derived from {@code devices}. */
    public HostSnapshot(String host, String hostname, String kernel, long time, int uid, List<BlockDevice> devices,
                        List<Mount> mounts, List<String> diskstats, Map<String, List<String>> udevRules,
                        Optional<String> tunedProfile, boolean systemdRunning, boolean udevdRunning,
                        boolean sysfsReadOnly, Optional<String> fio, Optional<String> stateJson,
                        List<String> trimLog, List<String> warnings) {
        this(host, hostname, kernel, time, uid, devices, mounts, diskstats, udevRules, tunedProfile, systemdRunning,
                udevdRunning, sysfsReadOnly, fio, stateJson, trimLog, warnings, Map.of(), Optional.empty());
    }

    /** This snapshot with the TRIM timer's next elapse as systemd reported it. */
    public HostSnapshot withTrimTimerNextElapse(Optional<String> nextElapse) {
        return new HostSnapshot(host, hostname, kernel, time, uid, devices, mounts, diskstats, udevRules, tunedProfile,
                systemdRunning, udevdRunning, sysfsReadOnly, fio, stateJson, trimLog, warnings, devicesByName,
                nextElapse);
    }

    public HostSnapshot {
        devices = List.copyOf(devices);
        mounts = List.copyOf(mounts);
        diskstats = List.copyOf(diskstats);
        Map<String, List<String>> rules = new LinkedHashMap<>();
        // loops, not lambdas: every gathered host makes a snapshot, and a one-shot run pays ~60 us per lambda site
        for (Map.Entry<String, List<String>> file : udevRules.entrySet()) {
            rules.put(file.getKey(), List.copyOf(file.getValue()));
        }
        udevRules = java.util.Collections.unmodifiableMap(rules);
        trimLog = List.copyOf(trimLog);
        warnings = List.copyOf(warnings);
        // always rebuilt from devices, so the index can never disagree with the list
        Map<String, BlockDevice> index = new LinkedHashMap<>();
        for (BlockDevice d : devices) {
            index.putIfAbsent(d.name(), d);
        }
        devicesByName = java.util.Collections.unmodifiableMap(index);
    }

    public Optional<BlockDevice> device(String name) {
        return Optional.ofNullable(devicesByName.get(name));
    }

    public Optional<Mount> mount(String path) {
        return mounts.stream().filter(m -> m.path().equals(path)).findFirst();
    }

    /** Partitions of a disk, in gather order. */
    public List<BlockDevice> partitions(String disk) {
        return devices.stream().filter(d -> d.parent().filter(disk::equals).isPresent()).toList();
    }

    /**
     * The devices whose queue settings govern I/O to {@code name}: a partition resolves to its disk, dm and md
     * devices to the leaves under their {@code slaves/} (recursively), a hidden multipath path to its head; a
     * disk is its own leaf. Empty for an unknown name.
     */
    public List<String> leafDevices(String name) {
        Set<String> leaves = new LinkedHashSet<>();
        collectLeaves(name, leaves, new LinkedHashSet<>());
        return List.copyOf(leaves);
    }

    private void collectLeaves(String name, Set<String> leaves, Set<String> visiting) {
        Optional<BlockDevice> found = device(name);
        if (found.isEmpty() || !visiting.add(name)) {
            return; // unknown, or a slaves/ cycle (never on a sane kernel; do not loop on garbage)
        }
        BlockDevice device = found.get();
        if (device.parent().isPresent()) {
            collectLeaves(device.parent().get(), leaves, visiting);
        } else if (device.multipathHead().isPresent()) {
            collectLeaves(device.multipathHead().get(), leaves, visiting);
        } else if (!device.slaves().isEmpty()) {
            for (String slave : device.slaves()) {
                collectLeaves(slave, leaves, visiting);
            }
        } else {
            leaves.add(name);
        }
    }

    /**
     * The whole storage stack below {@code name}, itself included: partition, its disk, dm/md slaves and
     * their disks. Used to decide which devices a mount depends on.
     */
    public List<String> stack(String name) {
        Set<String> stack = new LinkedHashSet<>();
        collectStack(name, stack);
        return List.copyOf(stack);
    }

    private void collectStack(String name, Set<String> stack) {
        Optional<BlockDevice> found = device(name);
        if (found.isEmpty() || !stack.add(name)) {
            return;
        }
        BlockDevice device = found.get();
        if (device.parent().isPresent()) {
            collectStack(device.parent().get(), stack);
        }
        if (device.multipathHead().isPresent()) {
            collectStack(device.multipathHead().get(), stack);
        }
        for (String slave : device.slaves()) {
            collectStack(slave, stack);
        }
    }

    /** Storage mounts whose stack includes {@code name} (directly or through partitions, dm, md). */
    public List<Mount> mountsUsing(String name) {
        List<Mount> result = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.device().isPresent() && stack(m.device().get()).contains(name)) {
                result.add(m);
            }
        }
        return result;
    }

    /** For every device, the paths of the mounts whose stack includes it (one stack walk per mount). */
    public Map<String, List<String>> mountPathsByDevice() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Mount m : mounts) {
            if (m.device().isPresent()) {
                for (String device : stack(m.device().get())) {
                    result.computeIfAbsent(device, k -> new ArrayList<>()).add(m.path());
                }
            }
        }
        return result;
    }
}
