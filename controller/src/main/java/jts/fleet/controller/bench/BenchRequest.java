package jts.fleet.controller.bench;

import java.util.List;
import java.util.Optional;

import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchTarget;

/**
 * What {@code jts-fleet bench run} asks for: profile or suite names, where ({@code target} directory, or every
 * mount of {@code tier} through a {@link TargetResolver}), how long and how much, a free-text label, and
 * {@code force} to run inside a blackout window.
 */
public record BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier,
                           BenchParameters parameters, String label, boolean force) {
    public BenchRequest {
        profiles = List.copyOf(profiles);
        target.ifPresent(BenchTarget::checkPath);
        if (target.isEmpty() == tier.isEmpty()) {
            throw new IllegalArgumentException("give exactly one of --target DIR or --tier NAME");
        }
        label = label == null ? "" : label;
    }
}
