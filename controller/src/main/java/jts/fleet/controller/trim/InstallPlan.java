package jts.fleet.controller.trim;

import java.util.List;

import jts.fleet.remote.install.PushedFile;
import jts.fleet.remote.trim.TrimConfig;

/**
 * What {@code trim install} would push to one host, in push order (script first, timer last), and the mount
 * points of its trim tiers left out of the config, each with the reason ({@code leftOut}: path to reason).
 */
public record InstallPlan(String host, TrimConfig config, List<PushedFile> files,
                          java.util.Map<String, String> leftOut) {
    public InstallPlan {
        files = List.copyOf(files);
        leftOut = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(leftOut));
    }

    public InstallPlan(String host, TrimConfig config, List<PushedFile> files) {
        this(host, config, files, java.util.Map.of());
    }
}
