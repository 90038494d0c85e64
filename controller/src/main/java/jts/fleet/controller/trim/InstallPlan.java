package jts.fleet.controller.trim;

import java.util.List;

import jts.fleet.remote.trim.TrimConfig;

/** What {@code trim install} would push to one host, in push order (script first, timer last). */
public record InstallPlan(String host, TrimConfig config, List<InstallFile> files) {
    public InstallPlan {
        files = List.copyOf(files);
    }
}
