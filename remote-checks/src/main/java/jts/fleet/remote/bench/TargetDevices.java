package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code bench-devices.sh} found behind a target directory: filesystem type, mount source, the device
 * number and the block devices (top and leaves) with their queue settings. {@code devices} is empty for
 * filesystems without a block device (tmpfs, NFS).
 */
public record TargetDevices(String path, String fstype, String source, String majmin, List<QueueSettings> devices) {
    /** Kernel device names jts-fleet accepts from a host before using them anywhere. */
    public static final Pattern DEVICE_NAME = Pattern.compile("^[A-Za-z0-9._:+-]+$");

    public TargetDevices {
        devices = List.copyOf(devices);
    }

    public List<QueueSettings> leaves() {
        return devices.stream().filter(QueueSettings::leaf).toList();
    }

    public static final String HEADER = "jts-bench-devices";

    public static TargetDevices parse(String text, String source) throws FioParseException {
        Frames frames = Frames.parse(text, HEADER, source);
        var error = frames.first("error");
        if (error.isPresent()) {
            throw new FioParseException(source + ": " + error.get().content());
        }
        var target = frames.first("target").orElseThrow(
                () -> new FioParseException(source + ": no target section in bench-devices output"));
        var kv = target.keyValues();
        List<QueueSettings> devices = new ArrayList<>();
        for (Frames.Section s : frames.all("device")) {
            if (!DEVICE_NAME.matcher(s.key()).matches()) {
                throw new FioParseException(source + ": line " + s.line() + ": device name " + FioJob.quote(s.key())
                        + " does not match " + DEVICE_NAME.pattern());
            }
            var attrs = new java.util.LinkedHashMap<>(s.keyValues());
            String role = attrs.remove("role");
            devices.add(new QueueSettings(s.key(), role == null ? "leaf" : role, attrs));
        }
        return new TargetDevices(kv.getOrDefault("path", ""), kv.getOrDefault("fstype", ""),
                kv.getOrDefault("source", ""), kv.getOrDefault("majmin", ""), devices);
    }
}
