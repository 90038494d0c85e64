package jts.fleet.controller.monitor;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code watch} settings. {@code count} 0 means until interrupted. Tier and device filters are ANDed; device
 * filters are globs ({@code nvme*}); an empty filter lets everything through. Idle devices (no request completed
 * in the interval) are hidden unless they have a tier or {@code showIdle} is set, so the dozens of idle loop
 * devices of a host do not bury the busy ones.
 */
public record WatchOptions(Duration interval, long count, Set<String> tiers, List<String> deviceGlobs,
                           boolean showIdle, Duration execTimeout) {
    public WatchOptions {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("--interval " + interval.toMillis() + "ms is below 100ms");
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative");
        }
        tiers = Set.copyOf(tiers);
        deviceGlobs = List.copyOf(deviceGlobs);
        for (String glob : deviceGlobs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("--device " + glob + ": not a glob such as nvme* ("
                        + e.getDescription() + ")", e);
            }
        }
    }

    public static WatchOptions of(Duration interval, long count) {
        return new WatchOptions(interval, count, Set.of(), List.of(), false, defaultTimeout(interval));
    }

    /** A read slower than this is reported as an error of that tick (the exec dies on the host by timeout). */
    public static Duration defaultTimeout(Duration interval) {
        return interval.multipliedBy(3).compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5)
                : interval.multipliedBy(3);
    }

    boolean acceptsTier(String tier) {
        return tiers.isEmpty() || tiers.contains(tier);
    }

    boolean acceptsDevice(String device) {
        if (deviceGlobs.isEmpty()) {
            return true;
        }
        for (String glob : deviceGlobs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(Path.of(device))) {
                return true;
            }
        }
        return false;
    }
}
