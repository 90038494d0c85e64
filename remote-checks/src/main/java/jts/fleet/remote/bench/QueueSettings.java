package jts.fleet.remote.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A block device behind the benchmark target and its queue settings at the time of the run.
 * {@code role} is {@code top} (the device the filesystem sits on, e.g. dm-0 or a partition's disk) or
 * {@code leaf} (a disk whose queue is what tuning changes). For a plain disk it is both: {@code top,leaf}.
 */
public record QueueSettings(String name, String role, Map<String, String> queue) {
    public QueueSettings {
        queue = Collections.unmodifiableMap(new TreeMap<>(queue));
    }

    public boolean leaf() {
        return role.contains("leaf");
    }

    /** The active scheduler ({@code none} out of {@code [none] mq-deadline}), or empty text when unknown. */
    public String activeScheduler() {
        String s = queue.getOrDefault("scheduler", "");
        int open = s.indexOf('[');
        int close = s.indexOf(']');
        return open >= 0 && close > open ? s.substring(open + 1, close) : s.trim();
    }
}
