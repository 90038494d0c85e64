package jts.fleet.remote.model;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code devices[]} and {@code mounts[]} part of {@code jts-fleet status -o json} for one host (issue 2
 * contract; fields may be added, never renamed). Absent values are JSON {@code null}; queue attributes are
 * numbers when the kernel wrote a number, else the raw text. Only storage mounts (on a gathered block device
 * or a network filesystem) are listed.
 */
public final class StatusJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusJson() {
    }

    /** {@code {"devices": [...], "mounts": [...]}} for one host. */
    public static ObjectNode devicesAndMounts(StorageModel model) {
        ObjectNode root = JSON.objectNode();
        ArrayNode devices = root.putArray("devices");
        Map<String, List<String>> mountPaths = model.snapshot().mountPathsByDevice();
        for (BlockDevice d : model.snapshot().devices()) {
            devices.add(device(model, d, mountPaths.getOrDefault(d.name(), List.of())));
        }
        ArrayNode mounts = root.putArray("mounts");
        for (Mount m : model.snapshot().mounts()) {
            if (m.isStorage()) {
                mounts.add(mount(model, m));
            }
        }
        return root;
    }

    static ObjectNode device(StorageModel model, BlockDevice d, List<String> mountPaths) {
        ObjectNode o = JSON.objectNode();
        o.put("name", d.name());
        o.put("dev_type", d.devType());
        o.put("class", d.deviceClass().key());
        o.put("class_reason", d.classReason());
        o.put("tier", model.tierOf(d.name()).orElse(null));
        o.put("tier_reason", model.deviceTierReasons().get(d.name()));
        o.put("hidden", d.hidden());
        o.put("parent", d.parent().orElse(null));
        o.put("multipath_head", d.multipathHead().orElse(null));
        strings(o.putArray("slaves"), d.slaves());
        strings(o.putArray("holders"), d.holders());
        // like lsblk: a partition spins (or not) with its disk
        o.put("rotational", d.rotational().or(() -> d.parent().flatMap(model.snapshot()::device)
                .flatMap(BlockDevice::rotational)).orElse(null));
        number(o, "size_bytes", d.sizeBytes());
        o.put("model", d.model().orElse(null));
        o.put("serial", d.serial().orElse(null));
        o.put("wwn", d.wwn().orElse(null));
        o.put("major_minor", d.majorMinor().orElse(null));
        number(o, "logical_block_size", d.logicalBlockSize());
        number(o, "physical_block_size", d.physicalBlockSize());
        o.put("zoned", d.zoned());
        o.put("zoned_model", d.zonedModel().orElse(null));
        o.put("read_only", d.readOnly());
        o.put("removable", d.removable());
        ObjectNode scheduler = o.putObject("scheduler");
        scheduler.put("current", d.scheduler().map(Scheduler::current).orElse(null));
        ArrayNode available = scheduler.putArray("available");
        d.scheduler().ifPresent(s -> strings(available, s.available()));
        ObjectNode queue = o.putObject("queue");
        for (Map.Entry<String, String> e : new TreeMap<>(d.queue()).entrySet()) {
            if (e.getKey().equals("scheduler")) {
                continue; // has its own object above
            }
            // most values are numbers; the others ("none", "write back") are kept as text, tested without
            // throwing: a fleet-wide status renders a few thousand of them
            String value = e.getValue();
            if (isLong(value)) {
                queue.put(e.getKey(), Long.parseLong(value));
            } else {
                queue.put(e.getKey(), value);
            }
        }
        ObjectNode discard = o.putObject("discard");
        discard.put("supported", d.isPartition() || d.queue().containsKey("discard_max_bytes")
                ? d.discardSupported() : null);
        number(discard, "granularity_bytes", d.discardGranularity());
        number(discard, "max_bytes", d.discardMaxBytes());
        strings(o.putArray("mounts"), mountPaths);
        return o;
    }

    /** True when {@code value} parses as a long (optional minus, digits, no overflow). */
    static boolean isLong(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        int digits = value.length() - start;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (digits < 19) {
            return true;
        }
        try {
            Long.parseLong(value); // 19 digits may overflow
            return true;
        } catch (NumberFormatException overflow) {
            return false;
        }
    }

    static ObjectNode mount(StorageModel model, Mount m) {
        ObjectNode o = JSON.objectNode();
        o.put("path", m.path());
        o.put("source", m.source());
        o.put("fstype", m.fstype());
        o.put("device", m.device().orElse(null));
        o.put("major_minor", m.majorMinor());
        o.put("root", m.root());
        strings(o.putArray("leaf_devices"), m.leafDevices());
        o.put("tier", model.tierOfMount(m.path()).orElse(null));
        o.put("network", m.network());
        o.put("online_discard", m.onlineDiscard());
        o.put("read_only", m.readOnly());
        o.put("autofs", m.autofs());
        o.put("bind_of", m.bindOf().orElse(null));
        return o;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void number(ObjectNode o, String key, OptionalLong value) {
        if (value.isPresent()) {
            o.put(key, value.getAsLong());
        } else {
            o.putNull(key);
        }
    }
}
