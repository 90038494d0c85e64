package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jts.fleet.inventory.Policy;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;

/**
 * Turns a host's storage model and its policy into a {@link HostPlan}.
 *
 * <p>Settings land on the layer that uses them: a partition's tier is applied to its disk, a dm/md device's
 * tier to its leaf disks (recursively through {@code slaves/}), and the upper layers appear in the plan only
 * to say where their settings went. Hidden NVMe multipath paths are listed as skipped. When one leaf is
 * claimed by several tiers (its own class, and a mount on a dm device above it, say) the first tier in policy
 * order wins and the plan lists the conflict; the same rule the tier assigner uses for devices.
 *
 * <p>Each desired value is checked against the device: a scheduler must be in the device's own available
 * list ({@code noop} does not exist on blk-mq), numbers within the kernel's limits. Zoned devices keep
 * mq-deadline whatever the tier says. An attribute the device does not have is "not applicable", never drift.
 */
public final class TuningPlanner {
    /** jts-fleet's own read-ahead limit (the loader's too): a larger value is a typo, not a choice. */
    static final long MAX_READ_AHEAD_KB = jts.fleet.inventory.InventorySchema.MAX_READ_AHEAD_KB;
    /** The block layer clamps nr_requests below BLKDEV_MIN_RQ (4): a smaller value would read back wrong. */
    static final long MIN_NR_REQUESTS = 4;

    private TuningPlanner() {
    }

    /** {@code reason} is the tier assigner's reason for the claiming device; {@code via} adds the layer. */
    private record Claim(String tier, int tierIndex, Selection selection, String reason, String via) {
    }

    public static HostPlan plan(StorageModel model, Policy policy) {
        HostSnapshot snapshot = model.snapshot();
        Map<String, Integer> tierIndex = new LinkedHashMap<>();
        for (int i = 0; i < policy.tiers().size(); i++) {
            tierIndex.putIfAbsent(policy.tiers().get(i).name(), i);
        }

        // which tiers claim each leaf, in gather order of the claiming devices
        Map<String, List<Claim>> claims = new LinkedHashMap<>();
        Map<String, String> upperNotes = new LinkedHashMap<>();
        for (BlockDevice device : snapshot.devices()) {
            Optional<String> tier = model.tierOf(device.name());
            if (device.hidden() || tier.isEmpty()) {
                continue;
            }
            String reason = model.deviceTierReasons().getOrDefault(device.name(), "");
            Selection selection = selection(reason);
            List<String> leaves = snapshot.leafDevices(device.name());
            for (String leaf : leaves) {
                String via = leaf.equals(device.name()) ? reason : reason + " (via " + device.name() + ")";
                claims.computeIfAbsent(leaf, k -> new ArrayList<>())
                        .add(new Claim(tier.get(), tierIndex.getOrDefault(tier.get(), Integer.MAX_VALUE), selection,
                                reason, via));
            }
            if (!(leaves.size() == 1 && leaves.get(0).equals(device.name()))) {
                upperNotes.put(device.name(), leaves.isEmpty()
                        ? "tier " + tier.get() + ": no leaf device found below it: nothing to tune"
                        : "tier " + tier.get() + ": settings land on " + (device.isPartition() ? "its disk " : "leaf devices ")
                                + String.join(", ", leaves));
            }
        }

        List<DevicePlan> plans = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (BlockDevice device : snapshot.devices()) {
            if (!TuningNames.validDevice(device.name())) {
                continue; // the parser drops these already; never let one reach a host command
            }
            if (device.hidden()) {
                plans.add(skipped(device, Optional.empty(), "hidden NVMe multipath path"
                        + device.multipathHead().map(h -> ": tuned through its head " + h).orElse("")
                        + "; never tuned or triggered"));
                continue;
            }
            List<Claim> deviceClaims = claims.getOrDefault(device.name(), List.of());
            if (deviceClaims.isEmpty()) {
                String note = upperNotes.get(device.name());
                plans.add(skipped(device, model.tierOf(device.name()),
                        note != null ? note : "unmanaged: no tier selects it, never touched"));
                continue;
            }
            Claim winner = deviceClaims.stream().min((a, b) -> Integer.compare(a.tierIndex(), b.tierIndex()))
                    .orElseThrow();
            // one line per distinct reason: a mount on LVM over md reaches the leaf through every layer
            List<String> via = distinctVia(deviceClaims.stream().filter(c -> c.tier().equals(winner.tier())).toList());
            List<String> losers = deviceClaims.stream().filter(c -> !c.tier().equals(winner.tier()))
                    .map(Claim::tier).distinct()
                    .map(t -> "tier " + t + " (" + String.join("; ",
                            distinctVia(deviceClaims.stream().filter(c -> c.tier().equals(t)).toList())) + ")")
                    .toList();
            if (!losers.isEmpty()) {
                conflicts.add(device.name() + ": claimed by tier " + winner.tier() + " (" + String.join("; ", via)
                        + ") and " + String.join(", ", losers) + ": " + winner.tier()
                        + " wins (first tier in policy order)");
            }
            Tier tier = policy.tier(winner.tier()).orElseThrow(() -> new IllegalStateException(
                    snapshot.host() + ": tier " + winner.tier() + " of " + device.name() + " is not in the policy"));
            // a tier that selects the device by glob or mount gets an identity rule; by class, a class rule
            Selection selection = deviceClaims.stream().filter(c -> c.tier().equals(winner.tier()))
                    .map(Claim::selection).filter(s -> s != Selection.CLASS).findFirst().orElse(Selection.CLASS);
            plans.add(new DevicePlan(device.name(), device.deviceClass(), Optional.of(winner.tier()), selection,
                    device.wwn(), device.serial(), false, device.zoned(), via, settings(device, tier),
                    Optional.empty()));
        }
        plans.addAll(backingDevices(model, policy));
        return new HostPlan(snapshot.host(), policy, plans, conflicts);
    }

    /** Attributes a network filesystem's backing device (/sys/class/bdi/MAJ:MIN) has and jts-fleet may set. */
    static final Set<QueueAttribute> BDI_ATTRIBUTES = Set.of(QueueAttribute.READ_AHEAD_KB, QueueAttribute.MAX_RATIO);

    /**
     * Network filesystems have no block queue: a tier's {@code read_ahead_kb} and {@code max_ratio} act on their
     * backing device, one plan entry per filesystem ({@code bdi-MAJ:MIN}; bind mounts share it). Other queue
     * attributes do not apply to them.
     */
    static List<DevicePlan> backingDevices(StorageModel model, Policy policy) {
        List<DevicePlan> plans = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Mount m : model.snapshot().mounts()) {
            Optional<Tier> tier = model.tierOfMount(m.path()).flatMap(policy::tier);
            if (!m.network() || tier.isEmpty() || tier.get().queue().isEmpty() || m.bdi().isEmpty()
                    || !m.majorMinor().matches("[0-9]{1,4}:[0-9]{1,8}") || !seen.add(m.majorMinor())) {
                continue;
            }
            List<PlannedSetting> settings = new ArrayList<>();
            WriteOrder.sorted(tier.get().queue()).forEach((attribute, value) ->
                    settings.add(bdiSetting(m, attribute, value.trim())));
            Selection selection = tier.get().match().mounts().stream().anyMatch(p -> jts.fleet.remote.model.TierAssigner.under(m.path(), p))
                    ? Selection.MOUNT : Selection.CLASS;
            plans.add(new DevicePlan("bdi-" + m.majorMinor(), jts.fleet.inventory.DeviceClass.NETWORK,
                    Optional.of(tier.get().name()), selection, Optional.empty(), Optional.empty(), false, false,
                    List.of("network mount " + m.path() + " (" + m.fstype() + " " + m.source()
                            + "): its backing device /sys/class/bdi/" + m.majorMinor()),
                    settings, Optional.empty()));
        }
        return plans;
    }

    private static PlannedSetting bdiSetting(Mount m, QueueAttribute attribute, String desired) {
        Optional<String> current = Optional.ofNullable(m.bdi().get(attribute.key())).map(String::trim)
                .filter(v -> !v.isEmpty());
        if (!BDI_ATTRIBUTES.contains(attribute)) {
            return new PlannedSetting(attribute, Optional.empty(), desired, TuningAction.NOT_APPLICABLE,
                    "a network filesystem has no block queue: only read_ahead_kb and max_ratio, on its backing device");
        }
        if (current.isEmpty()) {
            return new PlannedSetting(attribute, current, desired, TuningAction.NOT_APPLICABLE,
                    "backing device has no " + attribute.key());
        }
        OptionalLong value = parse(desired);
        long max = attribute == QueueAttribute.MAX_RATIO ? 100 : MAX_READ_AHEAD_KB;
        if (value.isEmpty() || value.getAsLong() < 0 || value.getAsLong() > max) {
            return invalid(attribute, current, desired, "must be 0.." + max);
        }
        String normalised = Long.toString(value.getAsLong());
        boolean same = parse(current.get()).equals(value);
        return new PlannedSetting(attribute, current, normalised, same ? TuningAction.OK : TuningAction.SET, "");
    }

    private static List<String> distinctVia(List<Claim> claims) {
        Map<String, String> byReason = new LinkedHashMap<>();
        for (Claim c : claims) {
            byReason.putIfAbsent(c.reason(), c.via());
        }
        return List.copyOf(byReason.values());
    }

    /** TierAssigner's reason text says how the device was selected ("class nvme", "device glob x", "mount /p on d"). */
    static Selection selection(String reason) {
        if (reason.startsWith("device glob")) {
            return Selection.DEVICE;
        }
        if (reason.startsWith("mount ")) {
            return Selection.MOUNT;
        }
        return Selection.CLASS;
    }

    private static DevicePlan skipped(BlockDevice device, Optional<String> tier, String reason) {
        return new DevicePlan(device.name(), device.deviceClass(), tier, Selection.NONE, device.wwn(),
                device.serial(), device.hidden(), device.zoned(), List.of(), List.of(), Optional.of(reason));
    }

    static List<PlannedSetting> settings(BlockDevice device, Tier tier) {
        // write order: deterministic whatever the YAML order, and safe against the kernel's side effects
        Map<QueueAttribute, String> desired = WriteOrder.sorted(tier.queue());
        List<PlannedSetting> settings = new ArrayList<>();
        desired.forEach((attribute, value) -> settings.add(setting(device, attribute, value.trim())));
        return settings;
    }

    static PlannedSetting setting(BlockDevice device, QueueAttribute attribute, String desired) {
        Optional<String> current = current(device, attribute);
        if (current.isEmpty()) {
            return new PlannedSetting(attribute, current, desired, TuningAction.NOT_APPLICABLE,
                    "device has no queue/" + attribute.key());
        }
        if (!TuningNames.validValue(desired)) {
            return invalid(attribute, current, desired, "value has characters that are never written");
        }
        if (attribute == QueueAttribute.SCHEDULER) {
            if (device.zoned() && !desired.equals("mq-deadline")) {
                return new PlannedSetting(attribute, current, desired, TuningAction.SKIP,
                        "zoned device (" + device.zonedModel().orElse("zoned") + ") keeps mq-deadline");
            }
            List<String> available = device.scheduler().map(s -> s.available()).orElse(List.of());
            if (!available.contains(desired)) {
                return invalid(attribute, current, desired, "not in available [" + String.join(" ", available) + "]");
            }
        } else if (attribute == QueueAttribute.WRITE_CACHE) {
            if (!Set.of("write back", "write through").contains(desired)) {
                return invalid(attribute, current, desired, "write_cache takes \"write back\" or \"write through\"");
            }
        } else {
            Optional<String> problem = numberProblem(device, attribute, desired);
            if (problem.isPresent()) {
                return invalid(attribute, current, desired, problem.get());
            }
            // "0128" would be written fine but read back as "128": send the kernel's spelling
            desired = Long.toString(parse(desired).getAsLong());
        }
        boolean same = attribute == QueueAttribute.SCHEDULER || attribute == QueueAttribute.WRITE_CACHE
                ? current.get().equals(desired)
                : parse(current.get()).equals(parse(desired));
        return new PlannedSetting(attribute, current, desired, same ? TuningAction.OK : TuningAction.SET, "");
    }

    private static PlannedSetting invalid(QueueAttribute attribute, Optional<String> current, String desired,
                                          String reason) {
        return new PlannedSetting(attribute, current, desired, TuningAction.INVALID, reason);
    }

    /** The current value as the plan shows it: the selected scheduler name, other values trimmed. */
    static Optional<String> current(BlockDevice device, QueueAttribute attribute) {
        if (attribute == QueueAttribute.SCHEDULER) {
            return device.scheduler().map(s -> s.current());
        }
        return Optional.ofNullable(device.queue().get(attribute.key())).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<String> numberProblem(BlockDevice device, QueueAttribute attribute, String desired) {
        OptionalLong parsed = parse(desired);
        if (parsed.isEmpty()) {
            return Optional.of("not a whole number");
        }
        long value = parsed.getAsLong();
        return switch (attribute) {
            case READ_AHEAD_KB -> value < 0 || value > MAX_READ_AHEAD_KB
                    ? Optional.of("outside 0.." + MAX_READ_AHEAD_KB + " KiB (" + value * 2 + " sectors)")
                    : Optional.empty();
            case NR_REQUESTS -> value < MIN_NR_REQUESTS
                    ? Optional.of("below the kernel minimum " + MIN_NR_REQUESTS + " (it would be clamped)")
                    : Optional.empty();
            case RQ_AFFINITY, NOMERGES -> value < 0 || value > 2 ? Optional.of("must be 0, 1 or 2") : Optional.empty();
            case ADD_RANDOM -> value < 0 || value > 1 ? Optional.of("must be 0 or 1") : Optional.empty();
            case MAX_RATIO -> value < 0 || value > 100 ? Optional.of("must be 0..100 (percent)") : Optional.empty();
            case WBT_LAT_USEC -> value < -1 ? Optional.of("must be -1 (kernel default), 0 (off) or a latency in us")
                    : Optional.empty();
            case MAX_SECTORS_KB -> {
                OptionalLong hw = parse(device.queue().getOrDefault("max_hw_sectors_kb", ""));
                if (value < 4) {
                    yield Optional.of("below the 4 KiB minimum");
                }
                yield hw.isPresent() && value > hw.getAsLong()
                        ? Optional.of("exceeds max_hw_sectors_kb " + hw.getAsLong())
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static OptionalLong parse(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
